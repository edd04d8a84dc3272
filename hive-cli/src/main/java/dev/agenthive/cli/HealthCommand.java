package dev.agenthive.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.agenthive.api.health.ComponentHealth;
import dev.agenthive.api.health.HealthStatus;
import dev.agenthive.api.health.HiveHealth;
import dev.agenthive.core.Hive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hive health}: the health of the store, the notifier, the cache and the blob store, for people
 * and for liveness or readiness probes. The exit code is the verdict: 0 up, 1 degraded, 2 down; a store
 * that cannot be opened at all (a bad configuration included) is down, reported like any other.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Show the health of the store, notifier, cache and blob store with their details and last"
                + " errors. Exit code: 0 up, 1 degraded (the store answers, another part fails), 2 down (the store"
                + " does not answer or cannot be opened).")
final class HealthCommand implements Callable<Integer> {
    private static final int UP = 0;
    private static final int DEGRADED = 1;
    private static final int DOWN = 2;

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print the health as one JSON object, for probes.")
    private boolean json;

    @Override
    public Integer call() {
        HiveHealth health = check();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(health));
        } else {
            print(out, health);
        }
        out.flush();
        return exitCode(health.status());
    }

    private HiveHealth check() {
        Hive opened;
        try {
            opened = hive.open(false);
        } catch (RuntimeException e) {
            return HiveHealth.storeCannotOpen("cannot open the store: " + Failures.describe(e));
        }
        try (opened) {
            return opened.health();
        }
    }

    private static int exitCode(HealthStatus status) {
        return switch (status) {
            case UP -> UP;
            case DEGRADED -> DEGRADED;
            case DOWN -> DOWN;
        };
    }

    private static void print(PrintWriter out, HiveHealth health) {
        out.println("hive  " + health.status());
        for (Map.Entry<String, ComponentHealth> entry : health.components().entrySet()) {
            ComponentHealth component = entry.getValue();
            out.println();
            out.println(String.join("  ", entry.getKey(), component.status().name(), component.provider(),
                    component.location()).strip());
            component.details().forEach((name, value) -> out.println("  " + name + " = " + value));
            if (component.lastError() != null) {
                out.println("  last error: " + Failures.oneLine(component.lastError()));
            }
        }
    }

    /**
     * {@code {"status":"UP","components":{"store":{"status":..,"provider":..,"location":..,"details":{..},
     * "lastError":null},..}}}, the components in the order of {@link HiveHealth#components()}.
     */
    private static String toJson(HiveHealth health) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("status", health.status().name());
            json.writeObjectFieldStart("components");
            for (Map.Entry<String, ComponentHealth> entry : health.components().entrySet()) {
                ComponentHealth component = entry.getValue();
                json.writeObjectFieldStart(entry.getKey());
                json.writeStringField("status", component.status().name());
                json.writeStringField("provider", component.provider());
                json.writeStringField("location", component.location());
                json.writeObjectFieldStart("details");
                for (Map.Entry<String, String> detail : component.details().entrySet()) {
                    json.writeStringField(detail.getKey(), detail.getValue());
                }
                json.writeEndObject();
                json.writeStringField("lastError", component.lastError());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return text.toString();
    }
}
