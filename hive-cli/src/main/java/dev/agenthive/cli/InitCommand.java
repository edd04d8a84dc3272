package dev.agenthive.cli;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.health.ComponentHealth;
import dev.agenthive.api.health.HealthStatus;
import dev.agenthive.core.Hive;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code hive init}: creates the store or migrates its schema to the current version. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the store, or migrate its schema to this version.")
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        try (Hive opened = hive.open(true)) {
            ComponentHealth health = opened.health().store();
            if (health.status() != HealthStatus.UP) {
                throw new StorageUnavailableException("the store at " + opened.location() + " was opened but is not healthy: "
                        + health.lastError(), null);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("store   " + opened.location());
            out.println("schema  up to date (" + health.provider() + ")");
            for (Map.Entry<String, String> detail : new TreeMap<>(health.details()).entrySet()) {
                out.println("  " + detail.getKey() + " = " + detail.getValue());
            }
            out.flush();
        }
        return 0;
    }
}
