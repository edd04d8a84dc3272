/** Driving ports: the use cases applications call, implemented by hive-core and handed out by its {@code Hive} facade. */
package dev.agenthive.api.service;
