package dev.agenthive.cli;

import dev.agenthive.cli.top.TopCommand;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import io.micrometer.core.instrument.MeterRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The {@code hive} command. Global options come before the subcommand, e.g.
 * {@code hive --storage sqlite:/tmp/a.db status}. Every failure ends as one line on stderr and
 * a non-zero exit code.
 */
@Command(name = "hive",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Agent Hive: the state platform of a multi-agent software-development orchestrator.",
        subcommands = {InitCommand.class, StatusCommand.class, HealthCommand.class, DemoCommand.class, FsckCommand.class, GcCommand.class,
                CopyCommand.class, BackupCommand.class, RestoreCommand.class, ImportCommand.class,
                TopCommand.class, HelpCommand.class})
public final class HiveCommand implements Callable<Integer> {

    @Option(names = "--storage", paramLabel = "URL",
            description = "Storage URL, e.g. sqlite:/data/hive.db. Overrides HIVE_STORAGE_URL, the "
                    + "hive.storage.url property and the default sqlite:.hive/agent_hive.db.")
    private String storageUrl;

    @Option(names = "--cache", paramLabel = "URL",
            description = "Cache URL: caffeine: (in-process, the default), redis://host:6379 (shared by every "
                    + "process), or none: for no cache. Overrides HIVE_CACHE_URL and the hive.cache.url property.")
    private String cacheUrl;

    @Option(names = "--blob", paramLabel = "URL",
            description = "Blob store URL, e.g. file:/data/blobs, or store: for the storage database. Overrides "
                    + "HIVE_BLOB_URL, the hive.blob.url property and the default: <database file>-blobs beside a "
                    + "SQLite file, else file:.hive/blobs.")
    private String blobUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of hive.* keys, read instead of ./hive.properties.")
    private Path configFile;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> environment;

    private HiveCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: init, status, health, demo, fsck, gc, copy, backup, restore, import or top");
    }

    /**
     * Opens the platform with the configuration these options select.
     *
     * @param migrate {@code true} forces schema migration on open; {@code false} leaves it to the configuration
     */
    Hive open(boolean migrate) {
        return Hive.open(config(migrate));
    }

    /** Like {@link #open(boolean)}, registering the hive's meters in {@code registry} unless it is {@code null}. */
    Hive open(boolean migrate, MeterRegistry registry) {
        return registry == null ? open(migrate) : Hive.open(config(migrate), registry);
    }

    /**
     * Opens the platform these options select for a viewer such as {@code hive top}: without schema
     * migration, whatever the configuration says, and without background maintenance, so that watching
     * a hive writes nothing to it (maintenance would requeue leases and mark agents crashed, the agents'
     * own processes' job; a migration is for {@code hive init}).
     */
    public Hive openToWatch() {
        return Hive.open(configBuilder(false).migrate(false).maintenanceInterval(Duration.ZERO).build());
    }

    /**
     * The configuration of one end of a copy, backup or restore: these options and the environment,
     * with the store at {@code storageUrl} and, if given, the blob store at {@code blobUrl} (else the
     * default for that store: the folder beside a SQLite file).
     */
    HiveConfig endConfig(String storageUrl, String blobUrl) {
        HiveConfig.Builder builder = HiveConfig.builder().environment(environment);
        if (configFile != null) {
            builder.configFile(configFile);
        }
        builder.storageUrl(storageUrl);
        if (blobUrl != null) {
            builder.blobUrl(blobUrl);
        }
        return builder.migrate(true).build();
    }

    /** The configuration these options select, migrating the store's schema on open. */
    HiveConfig storeConfig() {
        return config(true);
    }

    private HiveConfig config(boolean migrate) {
        return configBuilder(migrate).build();
    }

    private HiveConfig.Builder configBuilder(boolean migrate) {
        HiveConfig.Builder builder = HiveConfig.builder().environment(environment);
        if (configFile != null) {
            builder.configFile(configFile);
        }
        if (storageUrl != null) {
            builder.storageUrl(storageUrl);
        }
        if (cacheUrl != null) {
            builder.cacheUrl(cacheUrl);
        }
        if (blobUrl != null) {
            builder.blobUrl(blobUrl);
        }
        if (migrate) {
            builder.migrate(true);
        }
        return builder;
    }

    /** A command line with the CLI's error handling, writing to the given streams, reading the process environment. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, System.getenv());
    }

    /**
     * A command line with the CLI's error handling, writing to the given streams.
     *
     * @param environment the {@code HIVE_*} variables to configure from, in place of the process environment
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new HiveCommand(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        ErrorHandler handler = new ErrorHandler();
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setExecutionExceptionHandler(handler);
        return commandLine;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(out, err).execute(args));
    }
}
