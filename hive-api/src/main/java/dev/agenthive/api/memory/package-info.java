/** The namespaced shared key-value memory with compare-and-set and TTL. */
package dev.agenthive.api.memory;
