/** Optional capability: waking consumers that wait for tasks or messages. */
package dev.agenthive.api.notify;
