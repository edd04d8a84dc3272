/**
 * The contract of {@link dev.agenthive.api.transfer.TableAccess}, the capability copy, backup and
 * restore move a store's rows through. A provider whose store offers it runs
 * {@link dev.agenthive.tck.transfer.TableAccessContract} by extending it once.
 */
package dev.agenthive.tck.transfer;
