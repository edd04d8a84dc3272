/** Service-provider interfaces for storage plugins, discovered with {@link java.util.ServiceLoader}. */
package dev.agenthive.api.spi;
