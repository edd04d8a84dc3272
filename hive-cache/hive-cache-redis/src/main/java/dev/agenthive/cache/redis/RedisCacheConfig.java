package dev.agenthive.cache.redis;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.CacheSettings;
import dev.agenthive.api.spi.Durations;
import dev.agenthive.api.spi.PluginKeys;
import io.lettuce.core.RedisURI;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of a Redis cache, checked before anything connects and immutable once it is open.
 * Unknown {@code hive.cache.redis.*} keys and bad values fail with an {@link InvalidInputException}
 * naming the key; nothing is clamped.
 *
 * @param uri       where Redis is, from {@code hive.cache.url}
 * @param location  the URL without credentials: {@code redis://host:port/db}
 * @param timeout   how long one command may take before the call goes to the loader
 *                  ({@code hive.cache.redis.timeout}, 1 ms .. 1 min, default 250 ms)
 * @param keyPrefix the first part of every key and channel ({@code hive.cache.redis.key-prefix},
 *                  letters, digits and {@code . _ - : { }}, at most 64, default {@code hive})
 * @param nearCache whether each process keeps a near cache in front of Redis
 *                  ({@code hive.cache.redis.near-cache}, {@code true} or {@code false}, default true)
 */
record RedisCacheConfig(RedisURI uri, String location, Duration timeout, String keyPrefix, boolean nearCache) {
    static final String URL = "hive.cache.url";
    /** Parts of a normalised parameter key (lower case, without {@code _ - .}) that mark a secret. */
    private static final List<String> SECRET_KEY_PARTS = List.of("passw", "pwd", "secret", "token", "credential",
            "apikey", "accesskey", "privatekey");
    static final String PREFIX = "hive.cache.redis.";
    static final String TIMEOUT = PREFIX + "timeout";
    static final String KEY_PREFIX = PREFIX + "key-prefix";
    static final String NEAR_CACHE = PREFIX + "near-cache";
    static final Set<String> KEYS = Set.of(TIMEOUT, KEY_PREFIX, NEAR_CACHE);

    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);
    static final String DEFAULT_KEY_PREFIX = "hive";

    /** A host name, an IPv4 address or a bracketed IPv6 address (with a zone, perhaps). */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?]");
    /** No glob characters ({@code * ? [ ] \}), so a prefix can stand in a SCAN pattern as it is. */
    private static final Pattern KEY_PREFIX_PATTERN = Pattern.compile("[A-Za-z0-9._:{}-]{1,64}");

    RedisCacheConfig {
        Objects.requireNonNull(uri, "uri is null");
        Objects.requireNonNull(location, "location is null");
        Objects.requireNonNull(timeout, "timeout is null");
        Objects.requireNonNull(keyPrefix, "keyPrefix is null");
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidInputException(TIMEOUT, "must be between 1ms and 1m, was " + Durations.format(timeout));
        }
        if (!KEY_PREFIX_PATTERN.matcher(keyPrefix).matches()) {
            throw new InvalidInputException(KEY_PREFIX,
                    "must be 1 to 64 letters, digits, '.', '_', '-', ':', '{' or '}', was '" + keyPrefix + "'");
        }
    }

    /** Whether {@code url} is a {@code redis://} or {@code rediss://} URL. Never throws. */
    static boolean accepts(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("redis://") || lower.startsWith("rediss://");
    }

    /** Reads the URL and the {@code hive.cache.redis.*} keys of {@code settings} over the defaults. */
    static RedisCacheConfig from(CacheSettings settings) {
        Objects.requireNonNull(settings, "settings is null");
        RedisURI uri = parseUrl(settings.url());
        Map<String, String> properties = settings.properties();
        PluginKeys.requireKnown(properties, PREFIX, KEYS, "redis cache");
        Duration timeout = properties.containsKey(TIMEOUT) ? Durations.parse(TIMEOUT, properties.get(TIMEOUT))
                : DEFAULT_TIMEOUT;
        String keyPrefix = properties.containsKey(KEY_PREFIX) ? properties.get(KEY_PREFIX).trim() : DEFAULT_KEY_PREFIX;
        boolean nearCache = !properties.containsKey(NEAR_CACHE) || parseBoolean(NEAR_CACHE, properties.get(NEAR_CACHE));
        uri.setTimeout(timeout);
        return new RedisCacheConfig(uri, location(uri), timeout, keyPrefix, nearCache);
    }

    private static RedisURI parseUrl(String url) {
        if (!accepts(url)) {
            throw new InvalidInputException(URL, "must be a redis:// or rediss:// URL, was '" + redact(url) + "'");
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(url.trim());
        } catch (RuntimeException e) {
            // The parser's message may repeat the URL, password included: name only what it was.
            throw new InvalidInputException(URL, "is not a valid Redis URL such as redis://host:6379/0: '"
                    + redact(url) + "' (" + e.getClass().getSimpleName() + ")");
        }
        if (uri.getHost() == null || uri.getHost().isBlank() || !uri.getSentinels().isEmpty()) {
            throw new InvalidInputException(URL, "must name one Redis server, as in redis://host:6379/0, was '"
                    + redact(url) + "'");
        }
        if (!HOST.matcher(uri.getHost()).matches()) {
            // Lettuce reads "redis://host:notaport" as host "host:notaport" on the default port.
            throw new InvalidInputException(URL, "must name a host and a numeric port, as in redis://host:6379/0, was '"
                    + redact(url) + "'");
        }
        return uri;
    }

    private static boolean parseBoolean(String key, String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException(key, "must be true or false, was '" + value + "'");
        };
    }

    /** {@code redis://host:port/db}, never with credentials. */
    static String location(RedisURI uri) {
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost();
        return (uri.isSsl() ? "rediss" : "redis") + "://" + host + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    /**
     * The URL as a message may show it: whatever stands between {@code ://} and the last {@code @} (user
     * and password, which may itself hold {@code @}, {@code ?} or {@code /}) replaced, and the value of
     * every secret-looking parameter after it ({@code password=}, {@code token=}, ...; up to the next
     * {@code &}) masked.
     */
    static String redact(String url) {
        if (url == null) {
            return "null";
        }
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme >= 0 && at > scheme) {
            return url.substring(0, scheme + 3) + "***@" + maskSecretParameters(url.substring(at + 1));
        }
        return maskSecretParameters(url);
    }

    private static String maskSecretParameters(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        int start = 0;
        while (start <= text.length()) {
            int end = start;
            while (end < text.length() && "?&;#".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            String piece = text.substring(start, end);
            int eq = piece.indexOf('=');
            if (eq >= 0 && isSecretParameter(piece.substring(0, eq))) {
                int valueEnd = text.indexOf('&', start + eq);
                end = valueEnd >= 0 ? valueEnd : text.length();
                shown.append(piece, 0, eq + 1).append("***");
            } else {
                shown.append(piece);
            }
            if (end < text.length()) {
                shown.append(text.charAt(end));
            }
            start = end + 1;
        }
        return shown.toString();
    }

    /** Whether a parameter's key looks secret: a password, secret, token, credential or key of an API. */
    static boolean isSecretParameter(String key) {
        String normal = key.trim().toLowerCase(Locale.ROOT).replaceAll("[_.\\-]", "");
        return SECRET_KEY_PARTS.stream().anyMatch(normal::contains);
    }
}
