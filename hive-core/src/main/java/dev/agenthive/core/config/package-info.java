/** Configuration: sources, precedence, known keys and typed, checked values. */
package dev.agenthive.core.config;
