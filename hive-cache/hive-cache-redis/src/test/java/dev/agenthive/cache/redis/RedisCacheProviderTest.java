package dev.agenthive.cache.redis;

import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.CacheProvider;
import dev.agenthive.api.spi.CacheSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider's name, URLs and settings; nothing here needs a Redis server. */
class RedisCacheProviderTest {
    private final CacheProvider provider = new RedisCacheProvider();

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        assertThat(ServiceLoader.load(CacheProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(found -> found.name().equals("redis")))
                .singleElement().isInstanceOf(RedisCacheProvider.class);
        assertThat(provider.configKeys()).containsExactlyInAnyOrder("hive.cache.redis.timeout",
                "hive.cache.redis.key-prefix", "hive.cache.redis.near-cache");
        assertThat(provider.spiVersion()).isEqualTo(CacheProvider.SPI_VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://127.0.0.1:6379", "redis://localhost", "rediss://cache.example:6380/2",
            "REDIS://host", "redis://:secret@host:6379/0", " redis://host "})
    void acceptsRedisUrls(String url) {
        assertThat(provider.accepts(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"caffeine:", "redis:", "redis-sentinel://host", "redis-socket:///tmp/redis.sock",
            "http://host", "sqlite:x.db", ""})
    void refusesOtherUrls(String url) {
        assertThat(provider.accepts(url)).isFalse();
    }

    @Test
    void refusesNullWithoutThrowing() {
        assertThat(provider.accepts(null)).isFalse();
    }

    @Test
    void readsItsSettingsOverTheDefaults() {
        RedisCacheConfig defaults = RedisCacheConfig.from(settings("redis://h", Map.of()));
        assertThat(defaults.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(defaults.keyPrefix()).isEqualTo("hive");
        assertThat(defaults.nearCache()).isTrue();
        assertThat(defaults.location()).isEqualTo("redis://h:6379/0");

        RedisCacheConfig set = RedisCacheConfig.from(settings("rediss://user:secret@h:6380/3", Map.of(
                "hive.cache.redis.timeout", "PT0.05S", "hive.cache.redis.key-prefix", "app:{hive}",
                "hive.cache.redis.near-cache", " FALSE ", "hive.other.key", "not this provider's business")));
        assertThat(set.timeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(set.keyPrefix()).isEqualTo("app:{hive}");
        assertThat(set.nearCache()).isFalse();
        assertThat(set.location()).isEqualTo("rediss://h:6380/3");
        assertThat(set.uri().getTimeout()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aLocationNeverCarriesCredentials() {
        assertThat(RedisCacheConfig.from(settings("redis://:secret@[::1]:7000/1", Map.of())).location())
                .isEqualTo("redis://[::1]:7000/1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            redis://:zsecret@127.0.0.1:1/0                           | redis://***@127.0.0.1:1/0
            redis://zsecret@cache                                    | redis://***@cache
            rediss://bob:zs@cr:et@cache:6380/1                       | rediss://***@cache:6380/1
            redis://bob:zs?cr/et@cache/0                             | redis://***@cache/0
            redis://cache/0?password=zsecret&clientName=hive         | redis://cache/0?password=***&clientName=hive
            redis://cache?timeout=5s&auth_token=zsecret              | redis://cache?timeout=5s&auth_token=***
            redis://127.0.0.1:6379/0                                 | redis://127.0.0.1:6379/0
            """)
    void redactionHidesEveryCredential(String url, String shown) {
        assertThat(RedisCacheConfig.redact(url)).isEqualTo(shown).doesNotContain("zs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "250", "-1s", "0", "2m", "PT0.0001S"})
    void aBadTimeoutIsRefusedNamingTheKey(String value) {
        assertRefused(Map.of("hive.cache.redis.timeout", value), "hive.cache.redis.timeout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "", "on"})
    void aBadNearCacheFlagIsRefusedNamingTheKey(String value) {
        assertRefused(Map.of("hive.cache.redis.near-cache", value), "hive.cache.redis.near-cache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "x*", "x?", "[x]", "back\\slash", "é"})
    void aBadKeyPrefixIsRefusedNamingTheKey(String value) {
        assertRefused(Map.of("hive.cache.redis.key-prefix", value), "hive.cache.redis.key-prefix");
    }

    @Test
    void anUnknownKeyOfThisProviderIsRefusedByName() {
        assertRefused(Map.of("hive.cache.redis.near-cahce", "false"), "hive.cache.redis.near-cahce");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://", "redis://:secret@", "redis://host:notaport", "caffeine:"})
    void aBadUrlIsRefusedWithoutRepeatingThePassword(String url) {
        assertThatThrownBy(() -> provider.open(settings(url, Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.cache.url");
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
    }

    @Test
    void opensWithoutAServerAndClosesQuickly() {
        try (Cache cache = provider.open(settings("redis://127.0.0.1:" + TestRedis.freePort(), Map.of()))) {
            assertThat(cache.shared()).isTrue();
            assertThat(cache.health().provider()).isEqualTo("redis");
        }
    }

    private void assertRefused(Map<String, String> properties, String key) {
        assertThatThrownBy(() -> provider.open(settings("redis://127.0.0.1:1", properties)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(key));
    }

    private static CacheSettings settings(String url, Map<String, String> properties) {
        return new CacheSettings(url, properties, Clock.systemUTC());
    }
}
