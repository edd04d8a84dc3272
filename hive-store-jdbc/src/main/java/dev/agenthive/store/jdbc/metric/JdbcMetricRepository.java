package dev.agenthive.store.jdbc.metric;

import dev.agenthive.store.jdbc.BatchInsert;
import dev.agenthive.store.jdbc.JsonValidator;
import dev.agenthive.api.Checks;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.metric.Metric;
import dev.agenthive.api.metric.MetricAggregate;
import dev.agenthive.api.metric.MetricQuery;
import dev.agenthive.api.metric.MetricRepository;
import dev.agenthive.store.jdbc.SqlExecutor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link MetricRepository} over SQL. Percentiles are one {@code ORDER BY value LIMIT 1 OFFSET k}
 * each, with {@code k} from the count read in the same snapshot, so the database sorts and only
 * one value per percentile crosses the wire, on SQLite and PostgreSQL alike.
 */
public final class JdbcMetricRepository implements MetricRepository {
    /** Rows per multi-row INSERT; 8 parameters each stays far below every bind-variable limit. */
    /** Bounds IN lists well below every database's bind-variable limit. */
    private static final int IN_CHUNK = 500;

    private final SqlExecutor executor;
    private final JsonValidator jsonValidator;

    public JdbcMetricRepository(SqlExecutor executor, JsonValidator jsonValidator) {
        this.jsonValidator = Objects.requireNonNull(jsonValidator, "jsonValidator is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
    }

    @Override
    public void record(List<Metric> metrics) {
        Checks.notNull(metrics, "metrics");
        List<Metric> copy = new ArrayList<>(metrics.size());
        Set<String> agents = new LinkedHashSet<>();
        Set<String> tasks = new LinkedHashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            Metric metric = Checks.notNull(metrics.get(i), "metrics[" + i + "]");
            jsonValidator.requireValid(metric.tags(), "performance_metrics_tags_json");
            copy.add(metric);
            if (metric.agentId() != null) {
                agents.add(metric.agentId());
            }
            if (metric.taskId() != null) {
                tasks.add(metric.taskId());
            }
        }
        if (copy.isEmpty()) {
            return;
        }
        executor.write(session -> {
            MetricMapper mapper = session.getMapper(MetricMapper.class);
            requireAll(agents, mapper::existingAgents, "agent");
            requireAll(tasks, mapper::existingTasks, "task");
            BatchInsert.insertEach(session, MetricMapper.class, copy, MetricMapper::insert);
            return null;
        });
    }

    @Override
    public MetricAggregate aggregate(MetricQuery query) {
        Checks.notNull(query, "metricQuery");
        return executor.read(session -> {
            MetricMapper mapper = session.getMapper(MetricMapper.class);
            MetricStats stats = mapper.stats(query);
            if (stats.count() == 0) {
                return new MetricAggregate(query, 0, null, null, null, null, null);
            }
            Double p50 = mapper.valueAt(query, MetricAggregate.nearestRankOffset(50, stats.count()));
            Double p95 = mapper.valueAt(query, MetricAggregate.nearestRankOffset(95, stats.count()));
            return new MetricAggregate(query, stats.count(), stats.min(), stats.max(), stats.avg(), p50, p95);
        });
    }

    @Override
    public List<Metric> list(MetricQuery query, int limit) {
        Checks.notNull(query, "metricQuery");
        Checks.between(limit, 1, MAX_LIMIT, "metric.limit");
        return executor.read(session -> List.copyOf(session.getMapper(MetricMapper.class).list(query, limit)));
    }

    private static void requireAll(Set<String> ids, Function<List<String>, List<String>> existing, String entity) {
        List<String> all = List.copyOf(ids);
        Set<String> found = new HashSet<>();
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            found.addAll(existing.apply(all.subList(from, Math.min(all.size(), from + IN_CHUNK))));
        }
        for (String id : all) {
            if (!found.contains(id)) {
                throw new NotFoundException(entity, id);
            }
        }
    }
}
