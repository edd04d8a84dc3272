package dev.agenthive.store.jdbc.memory;

/**
 * Prefix matching as a key range. Databases with binary string order (SQLite's default collation
 * compares UTF-8 bytes, which is code-point order) hold every key starting with {@code p} in
 * {@code [p, successor(p))}.
 */
public final class KeyRange {

    private KeyRange() {
    }

    /**
     * The smallest string greater than every string starting with {@code prefix}, or {@code null}
     * when there is none (empty prefix, or only maximal code points).
     */
    public static String successor(String prefix) {
        int[] codePoints = prefix.codePoints().toArray();
        for (int i = codePoints.length - 1; i >= 0; i--) {
            int next = codePoints[i] + 1;
            if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                next = Character.MAX_SURROGATE + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                StringBuilder successor = new StringBuilder();
                for (int j = 0; j < i; j++) {
                    successor.appendCodePoint(codePoints[j]);
                }
                return successor.appendCodePoint(next).toString();
            }
        }
        return null;
    }
}
