/** Generation of time-ordered identifiers. */
package dev.agenthive.core.id;
