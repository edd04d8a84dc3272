/** Service-provider interfaces for storage, cache and blob store plugins, discovered with {@link java.util.ServiceLoader}. */
package dev.agenthive.api.spi;
