/** Projects and their epics, their many-to-many links with tasks, and progress over those tasks. */
package dev.agenthive.api.project;
