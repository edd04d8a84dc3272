/**
 * The blob port: content-addressed storage of large values (memory snapshots, context, big task
 * payloads) outside the rows that refer to them.
 */
package dev.agenthive.api.blob;
