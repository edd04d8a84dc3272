/**
 * Property-based tests (jqwik) of the stores against models: random sequences of calls, each
 * compared step by step with what a small in-memory model of the port's documentation expects.
 */
package dev.agenthive.it.model;
