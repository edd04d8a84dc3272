/** The use cases of hive-api's service interfaces, implemented over a HiveStore. */
package dev.agenthive.core.service;
