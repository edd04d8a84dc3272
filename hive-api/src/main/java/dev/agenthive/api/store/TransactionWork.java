package dev.agenthive.api.store;

/** Work run by {@link HiveStore#inTransaction}; {@code store} is bound to the transaction. */
@FunctionalInterface
public interface TransactionWork<T> {
    T run(HiveStore store);
}
