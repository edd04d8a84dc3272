/** Waking consumers that wait for tasks or messages, without busy polling. */
package dev.agenthive.core.notify;
