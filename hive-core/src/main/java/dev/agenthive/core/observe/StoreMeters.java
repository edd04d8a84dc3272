package dev.agenthive.core.observe;

import dev.agenthive.api.observe.Instrument;
import dev.agenthive.api.store.HiveStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.concurrent.TimeUnit;

/**
 * The store's {@link HiveStore#instruments()} as Micrometer meters, each tagged
 * {@code store=<provider name>}: a counter as a {@link FunctionCounter}, a gauge as a {@link Gauge}, a
 * timer as a {@link FunctionTimer}. They read the store's counters when the registry is scraped, so
 * binding them adds nothing to a call.
 */
public final class StoreMeters {
    private StoreMeters() {
    }

    /** Registers each instrument of {@code store} with {@code registry}. */
    public static void bind(HiveStore store, String provider, MeterRegistry registry) {
        for (Instrument instrument : store.instruments()) {
            Tags tags = Tags.of("store", provider);
            for (var tag : instrument.tags().entrySet()) {
                tags = tags.and(tag.getKey(), tag.getValue());
            }
            // Micrometer holds the object a function meter reads only weakly; the store lives as long as
            // the hive, while the instrument records would be garbage at once.
            switch (instrument.kind()) {
                case COUNTER -> FunctionCounter.builder(instrument.name(), store, s -> instrument.value().getAsDouble())
                        .tags(tags).description(instrument.description()).register(registry);
                case GAUGE -> Gauge.builder(instrument.name(), store, s -> instrument.value().getAsDouble())
                        .tags(tags).description(instrument.description()).register(registry);
                case TIMER -> FunctionTimer.builder(instrument.name(), store,
                                s -> (long) instrument.value().getAsDouble(), s -> instrument.totalNanos().getAsLong(),
                                TimeUnit.NANOSECONDS)
                        .tags(tags).description(instrument.description()).register(registry);
            }
        }
    }
}
