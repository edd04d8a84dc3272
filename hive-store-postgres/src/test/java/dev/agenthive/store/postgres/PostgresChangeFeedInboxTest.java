package dev.agenthive.store.postgres;

import dev.agenthive.api.cache.ChangeListener;
import dev.agenthive.store.jdbc.SqlExecutor;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What the change feed makes of what its listener thread tells it (the LISTEN in place, lost, a
 * notification's payload), driven here as that thread would drive it, so that states a server makes
 * brief (the time between a lost connection and the next LISTEN) can be held as long as a test needs.
 * {@link PostgresChangeFeedTest} runs the feed against a server.
 */
class PostgresChangeFeedInboxTest {
    private static final String UNKNOWN = "(unknown changes)";

    private final PostgresChangeFeed feed = new PostgresChangeFeed(new NoSql());
    private final PostgresChangeFeed otherProcess = new PostgresChangeFeed(new NoSql());
    private final List<String> heard = new ArrayList<>();

    @Test
    void untilTheListenIsInPlaceEveryCatchUpReportsUnknownChangesAndOnceMoreAfter() {
        feed.listen(new Recorder());

        feed.catchUp();
        feed.catchUp();
        assertThat(heard).containsExactly(UNKNOWN, UNKNOWN);

        feed.listening();
        feed.catchUp();
        feed.catchUp();
        assertThat(heard).containsExactly(UNKNOWN, UNKNOWN, UNKNOWN);
    }

    @Test
    void aLostConnectionMakesEveryCatchUpReportUnknownChangesUntilItListensAgain() {
        feed.listen(new Recorder());
        feed.listening();
        feed.catchUp();
        heard.clear();
        receive("agents", "before");

        feed.lost();
        feed.catchUp();
        feed.catchUp();
        assertThat(heard).as("the pending change is covered by the unknown changes").containsExactly(UNKNOWN, UNKNOWN);

        feed.listening();
        feed.catchUp();
        receive("agents", "after");
        feed.catchUp();
        feed.catchUp();
        assertThat(heard).containsExactly(UNKNOWN, UNKNOWN, UNKNOWN, "agents:after");
    }

    @Test
    void namedChangesOfOtherFeedsArriveInOrderAndItsOwnNever() {
        feed.listen(new Recorder());
        feed.listening();
        feed.catchUp();
        heard.clear();

        receive("agents", "a-1");
        feed.received(feed.payloads("agents", List.of("own")).get(0));
        receive("tasks", "t-1", "t-2");
        feed.catchUp();
        feed.catchUp();

        assertThat(heard).containsExactly("agents:a-1", "tasks:t-1", "tasks:t-2");
    }

    @Test
    void anUnreadableNotificationIsUnknownChanges() {
        feed.listen(new Recorder());
        feed.listening();
        feed.catchUp();
        heard.clear();

        receive("agents", "a-1");
        feed.received("{not json");
        receive("agents", "a-2");
        feed.catchUp();
        receive("agents", "a-3");
        feed.received("{\"o\":\"someone\",\"r\":\"agents\",\"k\":[1]}");
        feed.catchUp();

        assertThat(heard).containsExactly(UNKNOWN, UNKNOWN);
    }

    @Test
    void tooManyKeysWaitingBecomeUnknownChanges() {
        feed.listen(new Recorder());
        feed.listening();
        feed.catchUp();
        heard.clear();

        for (int i = 0; i < 101; i++) {
            int batch = i;
            receive("tasks", IntStream.range(0, 1_000).mapToObj(k -> batch + "-" + k).toArray(String[]::new));
        }
        feed.catchUp();

        assertThat(heard).containsExactly(UNKNOWN);
    }

    @Test
    void changesThatAListenerFailedToTakeAreReportedAsUnknownChangesNext() {
        List<String> failing = new ArrayList<>();
        feed.listen(new ChangeListener() {
            @Override
            public void changed(String region, Collection<String> keys) {
                throw new IllegalStateException("listener failed");
            }

            @Override
            public void changedAll(String region) {
                throw new IllegalStateException("listener failed");
            }

            @Override
            public void unknownChanges() {
                failing.add(UNKNOWN);
            }
        });
        feed.listening();
        feed.catchUp();
        failing.clear();
        receive("agents", "a-1");

        assertThatIllegalStateException().isThrownBy(feed::catchUp);
        feed.catchUp();

        assertThat(failing).containsExactly(UNKNOWN);
    }

    @Test
    void aCatchUpWaitsWhileAnotherHandsTheChangesItWouldHand() throws Exception {
        CountDownLatch handing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        feed.listen(new ChangeListener() {
            @Override
            public void changed(String region, Collection<String> keys) {
                handing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void changedAll(String region) {
                throw new AssertionError("nothing here names a whole region");
            }

            @Override
            public void unknownChanges() {
            }
        });
        feed.listening();
        feed.catchUp();
        receive("agents", "a-1");
        CompletableFuture<Void> first = CompletableFuture.runAsync(feed::catchUp);
        assertThat(handing.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> second = CompletableFuture.runAsync(feed::catchUp);
        Thread.sleep(300);
        assertThat(second).as("waits for the first catch-up's listener call").isNotDone();

        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aClosedFeedHandsNothing() {
        feed.listen(new Recorder());
        feed.close();

        feed.catchUp();
        feed.listening();
        receive("agents", "a-1");
        feed.catchUp();

        assertThat(heard).isEmpty();
    }

    @Test
    void aSecondListenerIsRefused() {
        feed.listen(new Recorder());

        assertThatIllegalStateException().isThrownBy(() -> feed.listen(new Recorder()));
    }

    /** Hands the feed what another process's feed would send for the keys. */
    private void receive(String region, String... keys) {
        for (String payload : otherProcess.payloads(region, List.of(keys))) {
            feed.received(payload);
        }
    }

    /** Writes each key as {@code region:key}. */
    private final class Recorder implements ChangeListener {
        @Override
        public void changed(String region, Collection<String> keys) {
            keys.forEach(key -> heard.add(region + ":" + key));
        }

        @Override
        public void changedAll(String region) {
            heard.add(region + ":*");
        }

        @Override
        public void unknownChanges() {
            heard.add(UNKNOWN);
        }
    }

    /** These tests publish nothing. */
    private static final class NoSql implements SqlExecutor {
        @Override
        public <T> T read(Function<SqlSession, T> work) {
            throw new AssertionError("no SQL here");
        }

        @Override
        public <T> T write(Function<SqlSession, T> work) {
            throw new AssertionError("no SQL here");
        }
    }
}
