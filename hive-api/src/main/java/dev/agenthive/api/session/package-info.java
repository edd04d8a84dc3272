/** Context sessions of agents: token usage against a context window, usage levels, rollover and history. */
package dev.agenthive.api.session;
