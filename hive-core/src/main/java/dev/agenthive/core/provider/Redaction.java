package dev.agenthive.core.provider;

import java.util.Locale;
import java.util.regex.Pattern;

/** Removes credentials from URLs and secret-looking settings before they reach a message or a log. */
public final class Redaction {
    private static final String MASK = "***";
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?#]*):[^/@?#]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:password|passwd|pwd|secret|token|apikey|api_key|access_key)=)[^&;#]*");

    private Redaction() {
    }

    /** The URL with any user-info password and secret query parameters masked. */
    public static String url(String url) {
        if (url == null) {
            return "null";
        }
        String redacted = USER_INFO_PASSWORD.matcher(url).replaceAll("$1:" + MASK + "@");
        return SECRET_PARAMETER.matcher(redacted).replaceAll("$1" + MASK);
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
}
