package dev.agenthive.core;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A provider for {@code broken-wiring:} URLs whose store opens fine, counts its {@code close()}
 * calls, and fails the wiring after it is open: the first call the wiring makes on it throws.
 */
final class BrokenWiringProvider implements StorageProvider {
    static final String URL = "broken-wiring:/x";

    private final Supplier<? extends Throwable> failure;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    /** @param failure what any call other than {@code close()} throws (unchecked) */
    BrokenWiringProvider(Supplier<? extends Throwable> failure) {
        this.failure = failure;
    }

    int opened() {
        return opened.get();
    }

    int closed() {
        return closed.get();
    }

    @Override
    public String name() {
        return "broken-wiring";
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("broken-wiring:");
    }

    @Override
    public HiveStore open(StorageSettings settings) {
        opened.incrementAndGet();
        return (HiveStore) Proxy.newProxyInstance(HiveStore.class.getClassLoader(), new Class<?>[]{HiveStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed.incrementAndGet();
                        return null;
                    }
                    throw failure.get();
                });
    }
}
