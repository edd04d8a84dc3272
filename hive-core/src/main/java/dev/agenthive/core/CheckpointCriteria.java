package dev.agenthive.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.metric.MetricAggregate;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The parsed criteria of a checkpoint, in the format {@link dev.agenthive.api.service.CheckpointService}
 * documents. Parsing is strict, so a typo in a key or an operator fails at creation instead of
 * silently making a gate pass or fail later.
 *
 * @param all every criterion, in order; the checkpoint passes when all hold
 */
record CheckpointCriteria(List<Criterion> all) {
    static final String FIELD = "checkpoint.criteria";
    /** Most criteria one checkpoint may have; evaluation runs them all in one write transaction. */
    static final int MAX_CRITERIA = 100;

    private static final Set<String> ROOT_KEYS = Set.of("all");
    private static final Set<String> METRIC_KEYS = Set.of("type", "name", "aggregate", "op", "value", "window",
            "agentId", "taskId");
    private static final Set<String> TASKS_KEYS = Set.of("type", "projectId");

    CheckpointCriteria {
        all = List.copyOf(all);
    }

    /** One criterion. */
    sealed interface Criterion permits MetricThreshold, TasksCompleted {
    }

    /**
     * An aggregate of a metric over the last {@code window}, compared with a threshold.
     *
     * @param agentId only this agent's samples, or {@code null}
     * @param taskId  only this task's samples, or {@code null}
     */
    record MetricThreshold(String name, Aggregate aggregate, Operator op, double value, Duration window,
                           String agentId, String taskId) implements Criterion {
    }

    /** Every non-cancelled task of a project or epic is completed; {@code projectId} null: the checkpoint's own. */
    record TasksCompleted(String projectId) implements Criterion {
    }

    /** The aggregates a metric criterion may compare. */
    enum Aggregate {
        COUNT("count"), MIN("min"), MAX("max"), AVG("avg"), P50("p50"), P95("p95");

        private final String key;

        Aggregate(String key) {
            this.key = key;
        }

        String key() {
            return key;
        }

        /** The value of this aggregate, {@code null} when the window had no sample (count is then 0). */
        Double of(MetricAggregate aggregate) {
            return switch (this) {
                case COUNT -> (double) aggregate.count();
                case MIN -> aggregate.min();
                case MAX -> aggregate.max();
                case AVG -> aggregate.avg();
                case P50 -> aggregate.p50();
                case P95 -> aggregate.p95();
            };
        }
    }

    /** The comparisons a metric criterion may make, {@code actual op threshold}. */
    enum Operator {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }

        boolean test(double actual, double threshold) {
            int order = Double.compare(actual, threshold);
            return switch (this) {
                case LT -> order < 0;
                case LE -> order <= 0;
                case GT -> order > 0;
                case GE -> order >= 0;
                case EQ -> order == 0;
                case NE -> order != 0;
            };
        }
    }

    /**
     * Parses criteria already checked to be valid JSON.
     *
     * @throws InvalidInputException naming {@value #FIELD} and the broken rule
     */
    static CheckpointCriteria parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw invalid("must be a JSON object {\"all\": [...]}");
        }
        onlyKeys(root, ROOT_KEYS, "");
        JsonNode all = root.get("all");
        if (all == null || !all.isArray() || all.isEmpty()) {
            throw invalid("all: must be a non-empty array of criteria");
        }
        if (all.size() > MAX_CRITERIA) {
            throw invalid("all: must hold at most " + MAX_CRITERIA + " criteria, was " + all.size());
        }
        List<Criterion> criteria = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            criteria.add(criterion(all.get(i), "all[" + i + "]"));
        }
        return new CheckpointCriteria(criteria);
    }

    private static Criterion criterion(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid(path + ": must be a JSON object");
        }
        String type = requiredText(node, "type", path);
        return switch (type) {
            case "metric" -> metric(node, path);
            case "tasks_completed" -> {
                onlyKeys(node, TASKS_KEYS, path);
                yield new TasksCompleted(optionalId(node, "projectId", path));
            }
            default -> throw invalid(path + ".type: must be one of [metric, tasks_completed], was '" + type + "'");
        };
    }

    private static MetricThreshold metric(JsonNode node, String path) {
        onlyKeys(node, METRIC_KEYS, path);
        String name = id(requiredText(node, "name", path), path + ".name");
        String aggregateKey = requiredText(node, "aggregate", path);
        Aggregate aggregate = Arrays.stream(Aggregate.values()).filter(a -> a.key.equals(aggregateKey)).findFirst()
                .orElseThrow(() -> invalid(path + ".aggregate: must be one of "
                        + Arrays.stream(Aggregate.values()).map(Aggregate::key).toList() + ", was '" + aggregateKey + "'"));
        String symbol = requiredText(node, "op", path);
        Operator op = Arrays.stream(Operator.values()).filter(o -> o.symbol.equals(symbol)).findFirst()
                .orElseThrow(() -> invalid(path + ".op: must be one of "
                        + Arrays.stream(Operator.values()).map(Operator::symbol).toList() + ", was '" + symbol + "'"));
        JsonNode value = node.get("value");
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw invalid(path + ".value: must be a finite number");
        }
        String windowText = requiredText(node, "window", path);
        Duration window;
        try {
            window = Duration.parse(windowText);
        } catch (DateTimeParseException e) {
            throw invalid(path + ".window: must be an ISO-8601 duration such as PT24H, was '" + windowText + "'");
        }
        if (window.isZero() || window.isNegative()) {
            throw invalid(path + ".window: must be positive, was " + windowText);
        }
        return new MetricThreshold(name, aggregate, op, value.asDouble(), window,
                optionalId(node, "agentId", path), optionalId(node, "taskId", path));
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String path) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid((path.isEmpty() ? "" : path + ": ") + "unknown key '" + name + "', allowed are "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private static String requiredText(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw invalid(path + "." + key + ": is required and must be a string");
        }
        return value.asText();
    }

    private static String optionalId(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(path + "." + key + ": must be a string or null");
        }
        return id(value.asText(), path + "." + key);
    }

    private static String id(String value, String path) {
        try {
            return Checks.id(value, path);
        } catch (InvalidInputException e) {
            throw invalid(path + ": " + e.rule());
        }
    }

    private static InvalidInputException invalid(String rule) {
        return new InvalidInputException(FIELD, rule);
    }
}
