package dev.agenthive.cli.demo;

import dev.agenthive.api.json.Json;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The working memory a simulated agent saves before its session rolls over, shaped like a coding
 * agent's: what it was doing, the tasks it finished, the files it read with notes on each, and the
 * decisions it took. Between {@value #MIN_FILES} and {@value #MAX_FILES} file notes make it about
 * 100 to 200 KiB, well above the size from which a store moves content to the blob store, so every
 * demo run exercises that path. Random hashes and line counts make each snapshot's content distinct.
 */
final class WorkingMemory {
    static final int MIN_FILES = 500;
    static final int MAX_FILES = 950;
    private static final String[] MODULES = {"hive-api", "hive-core", "hive-store-jdbc", "hive-store-sqlite",
            "hive-blobstore", "hive-cli"};
    private static final String[] PACKAGES = {"agent", "task", "message", "memory", "session", "snapshot", "event",
            "project", "blob", "cache", "config"};
    private static final String[] KINDS = {"Service", "Repository", "Mapper", "Codec", "Test", "Config", "Report"};
    private static final String[] NOTES = {"holds the lease check before every transition",
            "reads through the cache, invalidates after commit", "group commit batches up to 256 writes",
            "validates ids at the boundary and names the field", "keeps the hot query on its partial index",
            "retries contended writes with jitter until the timeout", "streams content, never holds it whole",
            "records one audit event per change in the same transaction"};
    private static final String[] DECISIONS = {"keep the API record immutable", "batch the inserts",
            "add an index for the inbox query", "move large content out of the row", "retry on SQLITE_BUSY",
            "split the service by aggregate"};

    private WorkingMemory() {
    }

    /**
     * A new working memory.
     *
     * @param agentId  whose memory
     * @param runId    the demo run
     * @param tokens   tokens the session holds
     * @param tasks    the tasks the agent completed since its last snapshot
     * @param random   the agent's random source
     */
    static Json of(String agentId, String runId, long tokens, List<String> tasks, SplittableRandom random) {
        int files = MIN_FILES + random.nextInt(MAX_FILES - MIN_FILES);
        StringBuilder json = new StringBuilder(files * 230 + 4_096);
        json.append("{\"agent\":");
        JsonText.quote(json, agentId);
        json.append(",\"run\":");
        JsonText.quote(json, runId);
        json.append(",\"tokens\":").append(tokens);
        json.append(",\"focus\":{\"branch\":");
        JsonText.quote(json, "demo/" + agentId);
        json.append(",\"dirty\":").append(random.nextBoolean()).append("},\"tasks\":[");
        for (int i = 0; i < tasks.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":");
            JsonText.quote(json, tasks.get(i));
            json.append(",\"outcome\":\"completed\",\"note\":");
            JsonText.quote(json, NOTES[random.nextInt(NOTES.length)]);
            json.append('}');
        }
        json.append("],\"files\":[");
        byte[] hash = new byte[20];
        // every name below is plain ASCII, so the path is appended without escaping
        for (int i = 0; i < files; i++) {
            random.nextBytes(hash);
            json.append(i == 0 ? "" : ",").append("{\"path\":\"").append(MODULES[random.nextInt(MODULES.length)])
                    .append("/src/main/java/dev/agenthive/").append(PACKAGES[random.nextInt(PACKAGES.length)]).append('/')
                    .append(KINDS[random.nextInt(KINDS.length)]).append(i % 2 == 0 ? "Default" : "Jdbc").append(i)
                    .append(".java\",\"blob\":\"").append(HexFormat.of().formatHex(hash))
                    .append("\",\"lines\":").append(40 + random.nextInt(900))
                    .append(",\"relevance\":").append(random.nextInt(100) / 100.0)
                    .append(",\"note\":");
            JsonText.quote(json, NOTES[random.nextInt(NOTES.length)]);
            json.append('}');
        }
        json.append("],\"decisions\":[");
        for (int i = 0; i < DECISIONS.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"what\":");
            JsonText.quote(json, DECISIONS[i]);
            json.append(",\"confidence\":").append(random.nextInt(100) / 100.0).append('}');
        }
        return Json.of(json.append("]}").toString());
    }
}
