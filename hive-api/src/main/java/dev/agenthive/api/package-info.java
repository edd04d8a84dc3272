/** Agent Hive's api: domain records, ports and SPI, free of any library. */
package dev.agenthive.api;
