/** Discovery and selection of storage providers found by ServiceLoader or bound explicitly. */
package dev.agenthive.core.provider;
