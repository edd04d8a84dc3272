/** Agent Hive's core: the {@link dev.agenthive.core.Hive} facade and its Guice {@link dev.agenthive.core.HiveModule}. */
package dev.agenthive.core;
