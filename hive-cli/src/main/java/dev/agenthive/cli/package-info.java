/**
 * The {@code hive} command line ({@code init}, {@code status}, {@code health}, {@code top}, {@code demo},
 * {@code fsck}, {@code gc}, {@code copy}, {@code backup}, {@code restore}, {@code import}), built with
 * picocli on the core's {@code Hive} facade. Failures end as one line on stderr and a non-zero
 * exit code.
 */
package dev.agenthive.cli;
