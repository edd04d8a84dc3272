/** Discovery and selection of storage and cache providers found by ServiceLoader or bound explicitly. */
package dev.agenthive.core.provider;
