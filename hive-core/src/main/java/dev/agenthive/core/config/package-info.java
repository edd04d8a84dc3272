/**
 * Configuration: {@link dev.agenthive.core.config.HiveConfig} and, package-private, its parts: the
 * known keys, the sources and their precedence, the typed checks of values, and the storage
 * providers' keys.
 */
package dev.agenthive.core.config;
