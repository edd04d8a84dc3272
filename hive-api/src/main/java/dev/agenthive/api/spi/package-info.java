/** Service-provider interfaces for storage and cache plugins, discovered with {@link java.util.ServiceLoader}. */
package dev.agenthive.api.spi;
