/** Projects, epics and their task links over SQL; progress is one grouped count over the linked tasks. */
package dev.agenthive.store.jdbc.project;
