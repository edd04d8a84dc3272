/**
 * Alert rules ({@code hive.alert.<name>.*}) evaluated by each maintenance round: a value read from the
 * store or from a meter, a threshold that raises the alert and a lower one that clears it. The state
 * of every alert lives in shared memory (namespace {@value dev.agenthive.core.alert.AlertEvaluator#NAMESPACE}),
 * changed by compare-and-set in the transaction that records its {@code alert.raised} or
 * {@code alert.cleared} event, so that the processes maintaining one store raise each alert once.
 */
package dev.agenthive.core.alert;
