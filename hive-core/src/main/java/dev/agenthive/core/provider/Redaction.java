package dev.agenthive.core.provider;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Removes credentials from URLs and secret-looking settings before they reach a message or a log.
 *
 * <p>A URL is split the way the stores' URL parser (the JDBC kit's {@code ServerUrl}) reads it, not
 * matched by a pattern, and where a malformed URL could be read two ways the reading that hides more
 * wins:
 * <ul>
 *   <li>scheme prefixes such as {@code jdbc:postgresql:} are kept;</li>
 *   <li>after {@code //}, the user information ends at the <em>last</em> {@code @} before the query
 *       ({@code ?}), since a password may hold {@code @}, {@code :}, {@code /} or {@code #}: everything
 *       after the user's first {@code :} up to that {@code @} is masked ({@code redis://} and
 *       {@code rediss://} read user information without {@code :} as a password, so there all of it
 *       is masked);</li>
 *   <li>an authority without {@code @} whose port is no number is user information broken by a raw
 *       {@code ?} in the password, and is masked up to the last {@code @} of the URL;</li>
 *   <li>every {@code key=value} parameter after that, split on {@code ?}, {@code &}, {@code ;} and
 *       {@code #} (so JDBC forms such as {@code ;password=} are covered), with a secret-looking key
 *       (see {@link #isSecretParameter}; keys are %-decoded first) has its value masked up to the next
 *       {@code &}, the only separator the stores' parser splits options on;</li>
 *   <li>URLs without {@code //} ({@code sqlite:}, {@code file:}) keep their path; only their
 *       parameters are masked.</li>
 * </ul>
 * {@code sslkey} and {@code sslcert} name files, not secrets, and are shown; the key file's password
 * ({@code sslpassword}) is masked.
 */
public final class Redaction {
    private static final String MASK = "***";
    /** Parts of a normalised parameter key (lower case, without {@code _ - .}) that mark a secret. */
    private static final List<String> SECRET_KEY_PARTS = List.of("passw", "pwd", "secret", "token", "credential",
            "apikey", "accesskey", "privatekey");
    /** Schemes whose user information without {@code :} is a password (Lettuce's {@code redis://password@host}). */
    private static final Set<String> PASSWORD_ONLY_USER_INFO = Set.of("redis", "rediss");

    private Redaction() {
    }

    /** The URL with any user-info password and secret parameters masked; {@code "null"} for {@code null}. */
    public static String url(String url) {
        if (url == null) {
            return "null";
        }
        int schemeEnd = schemeEnd(url);
        String scheme = url.substring(0, schemeEnd);
        String rest = url.substring(schemeEnd);
        if (!rest.startsWith("//")) {
            return scheme + parameters(rest);
        }
        String lastScheme = lastScheme(scheme);
        return scheme + "//" + hierarchical(rest.substring(2), PASSWORD_ONLY_USER_INFO.contains(lastScheme));
    }

    /**
     * Whether a URL parameter's key names a secret: after %-decoding, lower-casing and dropping
     * {@code _}, {@code -} and {@code .}, it contains {@code passw}, {@code pwd}, {@code secret},
     * {@code token}, {@code credential}, {@code apikey}, {@code accesskey} or {@code privatekey}.
     */
    public static boolean isSecretParameter(String key) {
        String normal = decode(key).trim().toLowerCase(Locale.ROOT).replaceAll("[_.\\-]", "");
        return SECRET_KEY_PARTS.stream().anyMatch(normal::contains);
    }

    /** Whether a configuration key names a secret whose value must not be shown. */
    public static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("token")
                || lower.endsWith(".key") || lower.contains("credential");
    }

    /** The value of a setting as it may be shown: masked for secrets, URLs redacted. */
    public static String setting(String key, String value) {
        if (isSecretKey(key)) {
            return MASK;
        }
        return key.endsWith(".url") ? url(value) : value;
    }

    /** The end of the scheme prefixes, e.g. 16 for {@code jdbc:postgresql://...}; 0 if there is none. */
    private static int schemeEnd(String url) {
        int end = 0;
        while (true) {
            int colon = url.indexOf(':', end);
            if (colon <= end || !isSchemeName(url, end, colon)) {
                return end;
            }
            end = colon + 1;
            if (url.startsWith("//", end)) {
                return end;
            }
        }
    }

    private static boolean isSchemeName(String url, int from, int to) {
        if (!Character.isLetter(url.charAt(from))) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = url.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }

    private static String lastScheme(String scheme) {
        String names = scheme.endsWith(":") ? scheme.substring(0, scheme.length() - 1) : scheme;
        return names.substring(names.lastIndexOf(':') + 1).toLowerCase(Locale.ROOT);
    }

    /** What follows {@code //}: user information, hosts, path, query and fragment. */
    private static String hierarchical(String rest, boolean passwordOnlyUserInfo) {
        int question = rest.indexOf('?');
        String beforeQuery = question >= 0 ? rest.substring(0, question) : rest;
        int at = beforeQuery.lastIndexOf('@');
        if (at < 0 && brokenUserInfo(beforeQuery)) {
            at = rest.lastIndexOf('@');
            if (at < 0) {
                int colon = beforeQuery.indexOf(':');
                int slash = beforeQuery.indexOf('/');
                int end = slash >= 0 ? slash : beforeQuery.length();
                return beforeQuery.substring(0, colon + 1) + MASK + parameters(rest.substring(end));
            }
        }
        if (at < 0) {
            return parameters(rest);
        }
        return userInfo(rest.substring(0, at), passwordOnlyUserInfo) + "@" + parameters(rest.substring(at + 1));
    }

    /**
     * Whether an authority without {@code @} has a host whose port (up to a JDBC {@code ;parameter})
     * is no number: that is {@code user:pass} cut short by a raw {@code ?} in the password, not a host.
     */
    private static boolean brokenUserInfo(String beforeQuery) {
        int slash = beforeQuery.indexOf('/');
        String authority = slash >= 0 ? beforeQuery.substring(0, slash) : beforeQuery;
        for (String host : authority.split(",", -1)) {
            int close = host.lastIndexOf(']');
            int colon = host.lastIndexOf(':');
            int semicolon = host.indexOf(';', Math.max(colon, 0));
            String port = colon > close ? host.substring(colon + 1, semicolon > colon ? semicolon : host.length()) : "";
            if (colon > close && !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return true;
            }
        }
        return false;
    }

    private static String userInfo(String userInfo, boolean passwordOnly) {
        int colon = userInfo.indexOf(':');
        if (colon >= 0) {
            return userInfo.substring(0, colon) + ":" + MASK;
        }
        return passwordOnly ? MASK : userInfo;
    }

    /**
     * The text with the value of every secret {@code key=value} parameter masked: parameters start
     * after {@code ?}, {@code &}, {@code ;} or {@code #}, a secret's value runs to the next {@code &}.
     */
    private static String parameters(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        int start = 0;
        while (start <= text.length()) {
            int end = nextSeparator(text, start);
            String piece = text.substring(start, end);
            int eq = piece.indexOf('=');
            if (eq >= 0 && isSecretParameter(piece.substring(0, eq))) {
                int valueEnd = text.indexOf('&', start + eq);
                end = valueEnd >= 0 ? valueEnd : text.length();
                shown.append(piece, 0, eq + 1).append(MASK);
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

    private static int nextSeparator(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?' || c == '&' || c == ';' || c == '#') {
                return i;
            }
        }
        return text.length();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
