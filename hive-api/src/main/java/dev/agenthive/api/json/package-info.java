/** JSON values carried as text, since the api module depends on no library. */
package dev.agenthive.api.json;
