package dev.agenthive.api.service;

import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Use cases of inter-agent messaging. */
public interface MessageService {

    /**
     * Sends a direct message ({@code toAgent} required). Repeated with the same
     * {@link NewMessage#idempotencyKey()} (e.g. after a timeout), it returns the message the first
     * call stored and sends nothing again; see {@link dev.agenthive.api.message.MessageRepository#send}.
     */
    Message send(NewMessage message);

    /**
     * Sends a copy to every live agent except the sender ({@code toAgent} must be null). Repeated
     * with the same {@link NewMessage#idempotencyKey()}, it returns the first call's copies and sends
     * nothing again; see {@link dev.agenthive.api.message.MessageRepository#broadcast}.
     */
    List<Message> broadcast(NewMessage message);

    Optional<Message> find(String messageId);

    /**
     * Delivers up to {@code limit} messages, highest priority first, waiting up to {@code wait}
     * for one to arrive. Delivered messages not acknowledged within the configured visibility
     * timeout are delivered again.
     */
    List<Message> inbox(String agentId, int limit, Duration wait) throws InterruptedException;

    /** @return {@code true} if this call acknowledged the message */
    boolean ack(String agentId, String messageId);

    long countPending(String agentId);

    int purgeExpired();
}
