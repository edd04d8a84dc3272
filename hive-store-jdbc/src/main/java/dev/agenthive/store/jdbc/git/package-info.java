/** The agents' worktree git state over SQL, upserted per (agent, worktree). */
package dev.agenthive.store.jdbc.git;
