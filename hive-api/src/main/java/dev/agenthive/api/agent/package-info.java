/** The agent registry: agents, their lifecycle and its persistence port. */
package dev.agenthive.api.agent;
