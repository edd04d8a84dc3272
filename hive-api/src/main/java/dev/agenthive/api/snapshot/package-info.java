/** Memory snapshots of agents: content-addressed (deduplicated) content, importance, pruning and consolidation. */
package dev.agenthive.api.snapshot;
