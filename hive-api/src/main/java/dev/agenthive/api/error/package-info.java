/** The one exception hierarchy of Agent Hive: an unchecked root with an error code, and its specific kinds. */
package dev.agenthive.api.error;
