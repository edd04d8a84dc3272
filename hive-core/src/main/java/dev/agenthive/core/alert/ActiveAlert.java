package dev.agenthive.core.alert;

import dev.agenthive.api.event.Severity;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert that is raised now, as the shared alert state holds it.
 *
 * @param name      the alert's name ({@code hive.alert.<name>.*})
 * @param source    where its value comes from, e.g. {@code query:queue.depth}
 * @param severity  the severity it was raised with
 * @param since     when it was raised
 * @param value     the value the last maintenance round that saw it raised read (first the value that raised it)
 * @param threshold the threshold it was raised above
 */
public record ActiveAlert(String name, String source, Severity severity, Instant since, double value,
                          double threshold) {
    public ActiveAlert {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(since, "since is null");
    }
}
