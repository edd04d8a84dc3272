package dev.agenthive.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * JSON documents of {@value #BYTES} bytes shaped like an agent's working memory: a session, goals and
 * a long list of observations (nested objects with the same keys over and over, tags, hexadecimal
 * commits, numbers and sentences drawn from a technical vocabulary with a skewed frequency), so that
 * compression has the work of text-heavy JSON rather than of one repeated character: zstd level 3
 * makes about 55 KiB of one. Document {@code n} is the same in every run and contender:
 * {@value #BODIES} bodies made from fixed seeds, and in front of the body the document's own id and
 * time, so that no two documents share a content hash and a content-addressed store cannot skip a put.
 * ASCII only, and compact, so Agent Hive's normalisation leaves the text as it is.
 */
final class MemoryDocuments {
    /** Size of every document in UTF-8 bytes (= characters: ASCII only), for numbers below 10^10. */
    static final int BYTES = 200 * 1024;

    private static final int BODIES = 16;
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final int HEAD_BYTES = head(0).length();
    private static final String[] WORDS = (
            "the a to of and in is for on that with it this be as not from by at are was an or build test "
                    + "file class method call fails passes error warning retry lease task agent queue claim "
                    + "complete memory snapshot store row blob index query transaction commit rollback lock "
                    + "writer reader connection pool timeout latency throughput cache hit miss invalidate key "
                    + "value json schema migration column table version branch merge conflict review change "
                    + "patch diff line function argument return null exception stack trace log event metric "
                    + "config setting default option flag path folder module package dependency maven java "
                    + "sqlite postgresql thread worker process heap garbage collector pause allocation buffer "
                    + "stream compress hash check verify assert expected actual result output input user "
                    + "request response message inbox send receive deliver order duplicate idempotent id "
                    + "plan goal step next done blocked open priority because since after before when while "
                    + "again still only every each some none first last new old larger smaller faster slower "
                    + "should must could would may might will keep drop move read write update delete insert "
                    + "select found missing wrong right correct broken fixed flaky stable slow fast large small")
            .split(" ");
    private static final String[] SOURCES = {"tool:grep", "tool:mvn", "tool:git", "tool:read_file", "tool:run_tests",
            "user", "reviewer", "ci", "planner"};
    private static final String[] TAGS = {"build", "test", "flaky", "storage", "review", "perf", "api", "docs",
            "security", "todo", "decision", "question"};
    private static final String[] STATUSES = {"open", "in-progress", "done", "blocked"};
    private static final String[] MODULES = {"core", "api", "store", "cache", "blob", "cli", "bench", "tck"};

    private final List<String> bodies;

    MemoryDocuments() {
        List<String> made = new ArrayList<>(BODIES);
        for (int seed = 0; seed < BODIES; seed++) {
            made.add(body(seed, new SplittableRandom(seed)));
        }
        this.bodies = List.copyOf(made);
    }

    /** Document {@code n}: its id and time, then one of the bodies. */
    String document(long n) {
        return head(n) + bodies.get((int) (n % BODIES));
    }

    private static String head(long n) {
        return "{\"id\":\"doc-" + String.format(Locale.ROOT, "%010d", n) + "\",\"updatedAt\":\"" + EPOCH.plusSeconds(n)
                + "\",";
    }

    /** The rest of a document after its head, exactly {@code BYTES - HEAD_BYTES} characters. */
    private static String body(int seed, SplittableRandom random) {
        int length = BYTES - HEAD_BYTES;
        StringBuilder json = new StringBuilder(length);
        json.append("\"agent\":\"coder-").append(seed).append("\",\"kind\":\"working-memory\",\"session\":{\"id\":\"s-")
                .append(hex(random, 16)).append("\",\"model\":\"large-2026-01\",\"startedAt\":\"")
                .append(EPOCH.minusSeconds(random.nextInt(86_400))).append("\",\"tokens\":")
                .append(random.nextInt(200_000)).append("},\"goals\":[");
        for (int g = 0; g < 8; g++) {
            json.append(g == 0 ? "" : ",").append("{\"id\":\"g-").append(g + 1).append("\",\"title\":\"")
                    .append(sentence(random, 4, 9)).append("\",\"status\":\"").append(pick(random, STATUSES))
                    .append("\",\"priority\":").append(1 + random.nextInt(5)).append(",\"notes\":\"")
                    .append(sentence(random, 8, 20)).append("\"}");
        }
        json.append("],\"observations\":[");
        String tail = "],\"scratch\":\"";
        // Room for the scratch field's closing, and for at least a few words in it.
        int reserve = tail.length() + 2 + 200;
        for (int o = 0; ; o++) {
            String observation = observation(random, o);
            if (json.length() + observation.length() + 1 > length - reserve) {
                break;
            }
            json.append(o == 0 ? "" : ",").append(observation);
        }
        json.append(tail);
        int fill = length - json.length() - 2;
        StringBuilder scratch = new StringBuilder(fill + 20);
        while (scratch.length() < fill) {
            scratch.append(sentence(random, 6, 16)).append(' ');
        }
        json.append(scratch, 0, fill).append("\"}");
        return json.toString();
    }

    private static String observation(SplittableRandom random, int seq) {
        StringBuilder json = new StringBuilder(512);
        json.append("{\"seq\":").append(seq).append(",\"at\":\"").append(EPOCH.plusSeconds(seq * 7L + random.nextInt(7)))
                .append("\",\"source\":\"").append(pick(random, SOURCES)).append("\",\"tags\":[\"")
                .append(pick(random, TAGS)).append("\",\"").append(pick(random, TAGS)).append("\"],\"confidence\":0.")
                .append(String.format(Locale.ROOT, "%02d", 50 + random.nextInt(50))).append(",\"context\":{\"file\":\"")
                .append(pick(random, MODULES)).append("/src/main/java/").append(word(random)).append('/')
                .append(capitalised(word(random))).append(capitalised(word(random))).append(".java\",\"line\":")
                .append(1 + random.nextInt(900)).append(",\"commit\":\"").append(hex(random, 12)).append("\"},\"text\":\"");
        int sentences = 1 + random.nextInt(4);
        for (int s = 0; s < sentences; s++) {
            json.append(s == 0 ? "" : " ").append(sentence(random, 6, 22));
        }
        return json.append("\"}").toString();
    }

    /** A capitalised sentence of {@code min} to {@code max} words ending in a full stop. */
    private static String sentence(SplittableRandom random, int min, int max) {
        int words = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder(words * 7);
        text.append(capitalised(word(random)));
        for (int w = 1; w < words; w++) {
            text.append(' ').append(word(random));
        }
        return text.append('.').toString();
    }

    /** A word, the first ones of the vocabulary far more often than the last, as in prose. */
    private static String word(SplittableRandom random) {
        double skewed = random.nextDouble();
        return WORDS[(int) (skewed * skewed * WORDS.length)];
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String hex(SplittableRandom random, int digits) {
        StringBuilder hex = new StringBuilder(digits);
        while (hex.length() < digits) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
