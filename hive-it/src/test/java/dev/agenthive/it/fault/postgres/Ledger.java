package dev.agenthive.it.fault.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ledgers of {@link LedgerWorkerMain} processes read back, and checked against the database:
 * every acknowledged write is there with the values acknowledged ({@link #lost}), and nothing was
 * applied twice ({@link #doubled}). Each problem found is one line of text, so a failing test says
 * exactly which write went missing or doubled.
 *
 * @param lines    every ledger line: {@code <epochMs> <agent> <kind> <fields...>}
 */
record Ledger(List<String[]> lines) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Ledger read(List<Path> files) throws IOException {
        List<String[]> lines = new ArrayList<>();
        for (Path file : files) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        lines.add(line.split(" "));
                    }
                }
            }
        }
        return new Ledger(List.copyOf(lines));
    }

    /** The acknowledged operations of one kind ({@code enqueue}, {@code complete}, ...), fields after the kind. */
    List<String[]> acks(String op) {
        return lines.stream().filter(l -> l[2].equals("ack") && l[3].equals(op)).toList();
    }

    /** Every acknowledged operation, claims included. */
    long acknowledged() {
        return lines.stream().filter(l -> l[2].equals("ack")).count();
    }

    /** The failed calls: {@code [ms, agent, "failed", op, exceptionType, durationMs]}. */
    List<String[]> failures() {
        return lines.stream().filter(l -> l[2].equals("failed")).toList();
    }

    /** The simple names of the exceptions callers saw, with how often. */
    Map<String, Long> failureTypes() {
        Map<String, Long> types = new TreeMap<>();
        failures().forEach(l -> types.merge(l[4], 1L, Long::sum));
        return types;
    }

    long leaseLost() {
        return lines.stream().filter(l -> l[2].equals("lease-lost")).count();
    }

    /** The time of the first acknowledged operation at or after {@code epochMs}, or -1. */
    long firstAckAtOrAfter(long epochMs) {
        return lines.stream().filter(l -> l[2].equals("ack")).mapToLong(l -> Long.parseLong(l[0]))
                .filter(t -> t >= epochMs).min().orElse(-1);
    }

    /** Acknowledged writes the database does not hold as acknowledged. */
    List<String> lost(Connection db) throws SQLException, IOException {
        List<String> lost = new ArrayList<>();
        for (String[] ack : acks("enqueue")) {
            String key = queryString(db, "SELECT idempotency_key FROM tasks WHERE id = ?", ack[4]);
            if (!ack[5].equals(key)) {
                lost.add("enqueue of task " + ack[4] + " (key " + ack[5] + "): found key " + key);
            }
        }
        for (String[] ack : acks("complete")) {
            String row = queryString(db, "SELECT status || ' ' || lease_token || ' ' || (result->>'op') FROM tasks WHERE id = ?", ack[4]);
            String expected = "completed " + ack[5] + " " + ack[6];
            if (!expected.equals(row)) {
                lost.add("completion of task " + ack[4] + " with token " + ack[5] + ": expected '" + expected + "', found '" + row + "'");
            }
        }
        for (String[] ack : acks("fail")) {
            String op = queryString(db, "SELECT error->>'op' FROM tasks WHERE id = ?", ack[4]);
            if (!ack[6].equals(op)) {
                lost.add("failure of task " + ack[4] + " with token " + ack[5] + ": expected error op " + ack[6] + ", found " + op);
            }
        }
        Map<String, List<String>> histories = histories(db);
        for (String[] ack : acks("cas")) {
            List<String> ops = histories.getOrDefault(ack[4], List.of());
            int version = Integer.parseInt(ack[5]);
            String at = version <= ops.size() ? ops.get(version - 1) : null;
            if (!ack[6].equals(at)) {
                lost.add("compare-and-set " + ack[6] + " on " + ack[4] + " as version " + version + ": that version holds " + at);
            }
        }
        for (String[] ack : acks("send")) {
            String row = queryString(db, "SELECT idempotency_key || ' ' || (payload->>'op') FROM agent_messages WHERE id = ?", ack[4]);
            if (!(ack[5] + " " + ack[5]).equals(row)) {
                lost.add("message " + ack[4] + " (key " + ack[5] + "): found " + row);
            }
        }
        return lost;
    }

    /** Writes applied twice: in the database, or acknowledged twice to different holders. */
    List<String> doubled(Connection db) throws SQLException, IOException {
        List<String> doubled = new ArrayList<>();
        doubled.addAll(queryLines(db, "SELECT 'task key ' || idempotency_key || ' stored ' || count(*) || ' times'"
                + " FROM tasks WHERE idempotency_key IS NOT NULL GROUP BY idempotency_key HAVING count(*) > 1"));
        doubled.addAll(queryLines(db, "SELECT 'message key ' || idempotency_key || ' stored ' || count(*) || ' times'"
                + " FROM agent_messages WHERE idempotency_key IS NOT NULL GROUP BY idempotency_key HAVING count(*) > 1"));
        Map<String, Set<String>> completedBy = new HashMap<>();
        for (String[] ack : acks("complete")) {
            completedBy.computeIfAbsent(ack[4], id -> new HashSet<>()).add(ack[5]);
        }
        completedBy.forEach((task, tokens) -> {
            if (tokens.size() > 1) {
                doubled.add("task " + task + " acknowledged completed under leases " + tokens);
            }
        });
        Map<String, Long> versions = new HashMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT entry_key, version FROM shared_memory WHERE namespace = '"
                     + LedgerWorkerMain.NAMESPACE + "'")) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getLong(2));
            }
        }
        for (Map.Entry<String, List<String>> history : histories(db).entrySet()) {
            List<String> ops = history.getValue();
            if (new HashSet<>(ops).size() != ops.size()) {
                doubled.add("key " + history.getKey() + " holds a write twice: " + ops);
            }
            if (versions.get(history.getKey()) != ops.size()) {
                doubled.add("key " + history.getKey() + " is at version " + versions.get(history.getKey())
                        + " after " + ops.size() + " writes: versions not strictly sequential");
            }
        }
        Map<String, String> casVersions = new HashMap<>();
        for (String[] ack : acks("cas")) {
            String previous = casVersions.put(ack[4] + "@" + ack[5], ack[6]);
            if (previous != null) {
                doubled.add("version " + ack[5] + " of " + ack[4] + " acknowledged to both " + previous + " and " + ack[6]);
            }
        }
        return doubled;
    }

    /** Each compare-and-set key's history of writes, oldest first: the {@code ops} array of its value. */
    private static Map<String, List<String>> histories(Connection db) throws SQLException, IOException {
        Map<String, List<String>> histories = new HashMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT entry_key, value::text FROM shared_memory WHERE namespace = '"
                     + LedgerWorkerMain.NAMESPACE + "'")) {
            while (rs.next()) {
                List<String> ops = new ArrayList<>();
                for (JsonNode op : JSON.readTree(rs.getString(2)).path("ops")) {
                    ops.add(op.asText());
                }
                histories.put(rs.getString(1), ops);
            }
        }
        return histories;
    }

    private static String queryString(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static List<String> queryLines(Connection db, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }
}
