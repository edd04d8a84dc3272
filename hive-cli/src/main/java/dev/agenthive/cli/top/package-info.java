/**
 * {@code hive top}: a live view of a running hive read from its store. {@link dev.agenthive.cli.top.TopSampler}
 * reads one refresh into a {@link dev.agenthive.cli.top.TopSnapshot}, {@link dev.agenthive.cli.top.TopRenderer}
 * turns it into lines of text (a pure function, tested without a terminal), and the command shows them
 * full-screen through JLine or prints them as plain frames.
 */
package dev.agenthive.cli.top;
