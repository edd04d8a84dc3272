/** Git state of the agents' worktrees: branch, head commit, dirty flag, ahead/behind, upserted per (agent, worktree). */
package dev.agenthive.api.git;
