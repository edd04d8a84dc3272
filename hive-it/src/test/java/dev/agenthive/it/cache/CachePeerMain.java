package dev.agenthive.it.cache;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.configuration.ConfigEntry;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The other process of {@link CacheAcrossProcessesTest}: opens a hive on the storage and cache URLs
 * it is given and answers one tab-separated command per line on stdin with one line on stdout.
 */
public final class CachePeerMain {
    /** Shared-memory namespace and configuration category of the test's values. */
    static final String SPACE = "cache-it";

    private CachePeerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (Hive hive = open(args[0], args[1])) {
            out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String[] command = line.split("\t");
                if (command[0].equals("quit")) {
                    break;
                }
                out.println(answer(hive, command));
            }
        }
    }

    static Hive open(String storageUrl, String cacheUrl) {
        return Hive.open(HiveConfig.builder().isolated()
                .storageUrl(storageUrl)
                .cacheUrl(cacheUrl)
                .maintenanceInterval(Duration.ZERO)
                .build());
    }

    /** What a command reads or writes; the test process calls this too, so both sides agree. */
    static String answer(Hive hive, String[] command) {
        return switch (command[0]) {
            case "status" -> hive.agents().find(command[1]).map(agent -> agent.status().dbValue()).orElse("absent");
            case "set" -> {
                hive.agents().setStatus(command[1], AgentStatus.parse(command[2]));
                yield "ok";
            }
            case "mget" -> hive.sharedMemory().get(SPACE, command[1]).map(MemoryEntry::value).map(Json::text)
                    .orElse("absent");
            case "mput" -> {
                hive.sharedMemory().put(SPACE, command[1], Json.of(command[2]));
                yield "ok";
            }
            case "cget" -> hive.configurations().effective(command[1], SPACE, command[2]).map(ConfigEntry::value)
                    .map(Json::text).orElse("absent");
            case "cset" -> {
                hive.configurations().setSystem(SPACE, command[1], Json.of(command[2]));
                yield "ok";
            }
            case "hits" -> Long.toString(hive.cacheStats().values().stream().mapToLong(s -> s.hits()).sum());
            default -> throw new IllegalArgumentException("unknown command " + command[0]);
        };
    }
}
