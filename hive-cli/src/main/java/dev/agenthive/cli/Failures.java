package dev.agenthive.cli;

import dev.agenthive.api.error.HiveException;

/** Turns an exception into the one-line reason the CLI shows. */
public final class Failures {
    private Failures() {
    }

    /**
     * The failure's own message for Agent Hive's exceptions, which are written for users; the
     * type as well for anything else, since such a message alone often means nothing (or is null).
     * Causes are appended when they add information, and everything is kept on one line.
     */
    public static String describe(Throwable failure) {
        StringBuilder reason = new StringBuilder(headline(failure));
        Throwable cause = failure.getCause();
        int depth = 0;
        while (cause != null && cause != failure && depth++ < 3) {
            String known = oneLine(reason.toString());
            String message = oneLine(cause.getMessage());
            if (message.isEmpty() || !known.contains(message)) {
                reason.append(": ").append(headline(cause));
            }
            cause = cause.getCause();
        }
        return oneLine(reason.toString());
    }

    /** The text with line breaks folded into spaces and rule lines (such as {@code ------}) dropped. */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("(?m)^\\s*[-=*_]{3,}\\s*$", "")
                .replaceAll("\\s*[\\r\\n]+\\s*", " ")
                .replaceAll(" {2,}", " ")
                .strip();
    }

    private static String headline(Throwable failure) {
        String message = failure.getMessage();
        boolean ours = failure instanceof HiveException || failure.getClass().getName().startsWith("dev.agenthive.");
        if (ours && message != null && !message.isBlank()) {
            return message;
        }
        String type = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
