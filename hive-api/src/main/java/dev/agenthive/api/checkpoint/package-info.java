/** Checkpoints of a project: quality gates and milestones, evaluated against criteria over metrics and tasks. */
package dev.agenthive.api.checkpoint;
