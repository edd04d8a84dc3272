/**
 * Content placement shared by the repositories: small content in its row, large content in the blob
 * store (see {@link dev.agenthive.api.spi.LargeContent}).
 */
package dev.agenthive.store.jdbc.content;
