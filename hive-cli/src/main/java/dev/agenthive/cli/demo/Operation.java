package dev.agenthive.cli.demo;

/** The platform calls the demo measures, in the order its report lists them. */
public enum Operation {
    REGISTER("register"),
    AGENT_HEARTBEAT("agent heartbeat"),
    ENQUEUE("enqueue"),
    CLAIM("claim"),
    START("start"),
    HEARTBEAT("heartbeat"),
    COMPLETE("complete"),
    FAIL("fail"),
    SEND("send"),
    BROADCAST("broadcast"),
    INBOX("inbox"),
    ACK("ack"),
    MEMORY_PUT("memory put"),
    MEMORY_GET("memory get"),
    MEMORY_CAS("memory cas"),
    SNAPSHOT("memory snapshot"),
    EVENT("event"),
    PROJECT("project"),
    METRIC("metric"),
    SESSION("session"),
    GIT_STATE("git state"),
    PULL_REQUEST("pull request"),
    CHECKPOINT("checkpoint"),
    TERMINATE("terminate");

    private final String label;

    Operation(String label) {
        this.label = label;
    }

    /** Name shown in the report. */
    public String label() {
        return label;
    }
}
