/**
 * The blob TCK: {@link dev.agenthive.tck.blob.BlobStoreContract}, which every
 * {@link dev.agenthive.api.spi.BlobStoreProvider}'s test extends once with a factory and, where it
 * can, a hook that corrupts a stored blob.
 */
package dev.agenthive.tck.blob;
