/** Inter-agent messages: direct and broadcast, inbox by priority, acknowledgement and redelivery. */
package dev.agenthive.api.message;
