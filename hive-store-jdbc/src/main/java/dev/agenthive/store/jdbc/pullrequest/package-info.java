/** Pull requests over SQL, each status change one conditional update. */
package dev.agenthive.store.jdbc.pullrequest;
