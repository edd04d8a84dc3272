package dev.agenthive.bench.jmh;

import dev.agenthive.api.json.Json;
import dev.agenthive.core.json.JsonCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** What Agent Hive spends validating and normalising a 1 KiB JSON document at its boundary. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JsonCodecBenchmark {
    private final JsonCodec codec = new JsonCodec(64, 1_048_576);
    private final Json document = Json.of(Documents.oneKib());

    @Benchmark
    public Json normalize() {
        return codec.normalize(document, "bench.value");
    }
}
