/** Pull requests of the agents' branches, with the open/merged/closed lifecycle enforced by the store. */
package dev.agenthive.api.pullrequest;
