package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.metric.Metric;
import dev.agenthive.api.metric.MetricAggregate;
import dev.agenthive.api.metric.MetricQuery;
import dev.agenthive.api.metric.NewMetric;
import dev.agenthive.api.service.MetricService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.json.ValidJson;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link MetricService} over a {@link HiveStore}; tags are validated, normalised and must be an object. */
final class DefaultMetricService implements MetricService {
    /** Most samples one {@link #recordAll} call accepts. */
    static final int MAX_BATCH = 10_000;

    private final HiveStore store;
    private final JsonCodec codec;
    private final IdGenerator ids;
    private final Clock clock;

    DefaultMetricService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.ids = Objects.requireNonNull(ids, "ids is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public Metric record(NewMetric metric) {
        Metric created = create(Checks.notNull(metric, "metric"), "metric.tags");
        store.metrics().record(List.of(created));
        return created;
    }

    @Override
    public List<Metric> recordAll(List<NewMetric> metrics) {
        Checks.notNull(metrics, "metrics");
        if (metrics.size() > MAX_BATCH) {
            throw new InvalidInputException("metrics", "must hold at most " + MAX_BATCH + " samples, was " + metrics.size());
        }
        List<Metric> created = new ArrayList<>(metrics.size());
        for (int i = 0; i < metrics.size(); i++) {
            created.add(create(Checks.notNull(metrics.get(i), "metrics[" + i + "]"), "metrics[" + i + "].tags"));
        }
        if (!created.isEmpty()) {
            store.metrics().record(created);
        }
        return List.copyOf(created);
    }

    @Override
    public MetricAggregate aggregate(MetricQuery query) {
        return store.metrics().aggregate(Checks.notNull(query, "metricQuery"));
    }

    @Override
    public List<Metric> list(MetricQuery query, int limit) {
        return store.metrics().list(Checks.notNull(query, "metricQuery"), limit);
    }

    private Metric create(NewMetric metric, String tagsField) {
        ValidJson tags = codec.validate(metric.tags(), tagsField);
        if (tags.type() != JsonType.OBJECT) {
            throw new InvalidInputException(tagsField, "must be a JSON object, was " + tags.type().dbValue());
        }
        return new Metric(ids.next(), metric.agentId(), metric.taskId(), metric.name(), metric.value(), metric.unit(),
                tags.json(), metric.recordedAt() != null ? metric.recordedAt() : clock.instant());
    }
}
