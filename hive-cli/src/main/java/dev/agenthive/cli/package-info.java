/**
 * The {@code hive} command line: {@code init}, {@code status} and {@code demo}, built with
 * picocli on the core's {@code Hive} facade. Failures end as one line on stderr and a non-zero
 * exit code.
 */
package dev.agenthive.cli;
