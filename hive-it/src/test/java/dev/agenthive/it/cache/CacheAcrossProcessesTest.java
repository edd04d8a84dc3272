package dev.agenthive.it.cache;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.json.Json;
import dev.agenthive.core.Hive;
import dev.agenthive.it.postgres.PostgresTestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two OS processes share a store and a cache; each write that returned in one is seen by the very
 * next read in the other, for agent status, shared memory and effective configuration, with every
 * read before the write having filled both caches. The reads are checked to be served by the cache
 * (hits grow), so the test cannot pass by never caching.
 */
class CacheAcrossProcessesTest {
    private static final int ROUNDS = 20;

    @TempDir
    Path dir;

    static Stream<Arguments> setups() {
        Function<Path, String> sqlite = dir -> "sqlite:" + dir.resolve("hive.db");
        Function<Path, String> postgres = dir -> PostgresTestServer.get().freshDatabase();
        return Stream.of(
                Arguments.of("sqlite + caffeine", sqlite, "caffeine:", "caffeine:"),
                Arguments.of("sqlite + caffeine here, no cache in the peer", sqlite, "caffeine:", "none:"),
                Arguments.of("sqlite + redis", sqlite, "redis", "redis"),
                Arguments.of("postgresql + redis", postgres, "redis", "redis"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void aWriteInOneProcessIsSeenByTheNextReadInTheOther(String name, Function<Path, String> storage, String cache,
                                                         String peerCache) throws Exception {
        String storageUrl = storage.apply(dir);
        String cacheUrl = cache.equals("redis") ? RedisTestServer.sharedUrl() : cache;
        String peerCacheUrl = peerCache.equals("redis") ? RedisTestServer.sharedUrl() : peerCache;
        String agent = "agent-" + System.nanoTime();
        try (Hive local = CachePeerMain.open(storageUrl, cacheUrl);
             Peer peer = Peer.start(storageUrl, peerCacheUrl, dir.resolve("peer.log"))) {
            assertThat(local.cacheHealth()).as("caching is on").isPresent();
            local.agents().register(new AgentRegistration(agent, "worker", Set.of(), null, null, null));
            local.sharedMemory().put(CachePeerMain.SPACE, agent, Json.of("0"));
            for (int round = 1; round <= ROUNDS; round++) {
                String status = round % 2 == 0 ? "active" : "idle";
                String[] here = {"status", agent};
                String[] memory = {"mget", agent};
                String[] config = {"cget", agent, "limit"};
                for (String[] read : List.of(here, memory, config)) {
                    peer.ask(read);
                    CachePeerMain.answer(local, read);
                }

                assertThat(peer.ask("set", agent, status)).isEqualTo("ok");
                assertThat(CachePeerMain.answer(local, here)).as("round %d: status read here after the peer's write", round)
                        .isEqualTo(status);
                assertThat(peer.ask("mput", agent, Integer.toString(round))).isEqualTo("ok");
                assertThat(CachePeerMain.answer(local, memory)).as("round %d: memory read here", round)
                        .isEqualTo(Integer.toString(round));

                String back = round % 2 == 0 ? "idle" : "active";
                CachePeerMain.answer(local, new String[]{"set", agent, back});
                assertThat(peer.ask(here)).as("round %d: status read by the peer after a write here", round)
                        .isEqualTo(back);
                CachePeerMain.answer(local, new String[]{"cset", "limit", Integer.toString(round)});
                assertThat(peer.ask(config)).as("round %d: configuration read by the peer", round)
                        .isEqualTo(Integer.toString(round));
                assertThat(CachePeerMain.answer(local, config)).isEqualTo(Integer.toString(round));
            }
            assertThat(Long.parseLong(CachePeerMain.answer(local, new String[]{"hits"}))).as("hits here").isPositive();
            if (!peerCache.equals("none:")) {
                assertThat(Long.parseLong(peer.ask("hits"))).as("hits in the peer").isPositive();
            }
        } finally {
            if (storageUrl.startsWith("postgresql:")) {
                PostgresTestServer.get().drop(storageUrl);
            }
        }
    }

    /** The other process: {@link CachePeerMain} on a pipe. */
    private static final class Peer implements AutoCloseable {
        private final Process process;
        private final PrintStream in;
        private final BufferedReader out;
        private final Path log;

        private Peer(Process process, Path log) {
            this.process = process;
            this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.log = log;
        }

        static Peer start(String storageUrl, String cacheUrl, Path log) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    CachePeerMain.class.getName(), storageUrl, cacheUrl));
            Process process = new ProcessBuilder(command).redirectError(log.toFile())
                    .directory(new File(System.getProperty("user.dir"))).start();
            Peer peer = new Peer(process, log);
            String ready = peer.out.readLine();
            if (!"ready".equals(ready)) {
                throw new IllegalStateException("peer did not start (" + ready + "); see " + log);
            }
            return peer;
        }

        String ask(String... command) throws IOException {
            in.println(String.join("\t", command));
            String answer = out.readLine();
            if (answer == null) {
                throw new IllegalStateException("peer ended; see " + log);
            }
            return answer;
        }

        @Override
        public void close() throws Exception {
            in.println("quit");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
