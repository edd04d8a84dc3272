package dev.agenthive.bench;

/** The JSON documents the workloads write. */
final class Payloads {
    private Payloads() {
    }

    /** A JSON object of exactly {@code bytes} UTF-8 bytes with a few fields of different kinds. */
    static String document(int bytes) {
        String head = "{\"kind\":\"bench\",\"n\":42,\"ok\":true,\"tags\":[\"a\",\"b\"],\"text\":\"";
        String tail = "\"}";
        int fill = bytes - head.length() - tail.length();
        if (fill < 0) {
            throw new IllegalArgumentException("a document needs at least " + (head.length() + tail.length()) + " bytes");
        }
        return head + "x".repeat(fill) + tail;
    }
}
