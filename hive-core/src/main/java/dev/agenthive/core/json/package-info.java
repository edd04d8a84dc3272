/** JSON validation and normalisation at the platform's boundary. */
package dev.agenthive.core.json;
