package dev.agenthive.api.event;

import dev.agenthive.api.error.InvalidInputException;

/**
 * A position in the commit order of the event log, encoded as {@code tx.seq}: every event has one,
 * and {@link EventRepository#follow} returns the events after a position. {@code tx} orders the
 * writing transactions (PostgreSQL's transaction id; {@code 0} on stores whose single counter
 * {@code seq} alone is in commit order), {@code seq} orders events within. Positions are meaningful in
 * the store that handed them out only: a copy of a store starts its readers from {@link #START}.
 *
 * @param tx  the writing transaction's place in commit order, {@code >= 0}
 * @param seq the event's place after {@code tx}, {@code >= 0}
 */
public record FeedCursor(long tx, long seq) {
    /** Before every event. */
    public static final FeedCursor START = new FeedCursor(0, 0);
    /** The text that names {@link #START}, besides {@code null}. */
    public static final String START_TEXT = "start";

    public FeedCursor {
        if (tx < 0 || seq < 0) {
            throw new InvalidInputException("cursor", "must be a cursor returned by follow, was tx " + tx + ", seq " + seq);
        }
    }

    public String encode() {
        return tx + "." + seq;
    }

    /**
     * The position {@code cursor} names: {@code null} or {@code "start"} for {@link #START}, otherwise
     * the {@link #encode()} text of a position.
     *
     * @throws InvalidInputException the text is no position
     */
    public static FeedCursor parse(String cursor) {
        if (cursor == null || cursor.equals(START_TEXT)) {
            return START;
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot == cursor.length() - 1 || cursor.length() > 41) {
            throw invalid(cursor, null);
        }
        try {
            return new FeedCursor(parseDigits(cursor.substring(0, dot)), parseDigits(cursor.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw invalid(cursor, e);
        }
    }

    /** Long.parseLong would also take a sign, which no encoded cursor carries. */
    private static long parseDigits(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw new NumberFormatException(digits);
            }
        }
        return Long.parseLong(digits);
    }

    private static InvalidInputException invalid(String cursor, NumberFormatException cause) {
        String rule = "must be 'start' or a cursor returned by follow (tx.seq), was '" + cursor + "'";
        return cause == null ? new InvalidInputException("cursor", rule) : new InvalidInputException("cursor", rule, cause);
    }

    @Override
    public String toString() {
        return encode();
    }
}
