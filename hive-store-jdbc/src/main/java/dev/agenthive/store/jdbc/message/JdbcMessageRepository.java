package dev.agenthive.store.jdbc.message;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.MessageRepository;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.JsonValidator;
import dev.agenthive.store.jdbc.content.LargeContents;
import dev.agenthive.store.jdbc.agent.AgentMapper;

import org.apache.ibatis.session.SqlSession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link MessageRepository} over SQL with at-least-once delivery: the inbox hides what it hands out
 * until the visibility timeout passes, and only an acknowledgement removes a message for good.
 * An idempotency key is looked up in the write transaction that would insert it. The unique index
 * over (key, recipient) backs the lookup up, but only the lookup can tell a send's key from a
 * broadcast's.
 */
public final class JdbcMessageRepository implements MessageRepository {
    /** Largest inbox page. */
    public static final int MAX_INBOX_LIMIT = 1_000;

    private final SqlExecutor executor;
    private final JsonValidator jsonValidator;
    private final Clock clock;
    private final LargeContents contents;

    public JdbcMessageRepository(SqlExecutor executor, Clock clock, LargeContents contents, JsonValidator jsonValidator) {
        this.jsonValidator = Objects.requireNonNull(jsonValidator, "jsonValidator is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.contents = Objects.requireNonNull(contents, "contents is null");
    }

    @Override
    public Message send(String id, NewMessage message) {
        Checks.id(id, "message.id");
        Checks.notNull(message, "message");
        jsonValidator.requireValid(message.payload(), "agent_messages_payload_json");
        if (message.toAgent() == null) {
            throw new InvalidInputException("message.toAgent", "must not be null for a direct message");
        }
        LargeContents.Spilled payload = contents.spill(message.payload());
        Function<SqlSession, Message> work = session -> {
            MessageMapper mapper = session.getMapper(MessageMapper.class);
            if (message.idempotencyKey() != null) {
                List<Message> earlier = messages(mapper.findByIdempotencyKey(message.idempotencyKey()));
                if (!earlier.isEmpty()) {
                    return replayedSend(earlier, message);
                }
            }
            AgentMapper agents = session.getMapper(AgentMapper.class);
            if (!agents.exists(message.toAgent())) {
                throw new NotFoundException("agent", message.toAgent());
            }
            requireSender(agents, message);
            Instant now = clock.instant();
            return mapper.insert(id, message, payload, now, expiry(message, now)).withStoredPayload(message.payload())
                    .toMessage(contents);
        };
        // Without a key the send is one insert whose foreign keys lock both agents: row locks suffice.
        // A key is checked before the insert (it must also match across sends and broadcasts), a
        // check-then-insert that needs the serializable write.
        return message.idempotencyKey() == null ? executor.writeWithRowLocks(work) : executor.write(work);
    }

    @Override
    public List<Message> broadcast(String id, NewMessage message) {
        Checks.id(id, "message.id");
        Checks.notNull(message, "message");
        jsonValidator.requireValid(message.payload(), "agent_messages_payload_json");
        if (message.toAgent() != null) {
            throw new InvalidInputException("message.toAgent", "must be null for a broadcast");
        }
        LargeContents.Spilled payload = contents.spill(message.payload());
        return executor.write(session -> {
            MessageMapper mapper = session.getMapper(MessageMapper.class);
            if (message.idempotencyKey() != null) {
                List<Message> earlier = messages(mapper.findByIdempotencyKey(message.idempotencyKey()));
                if (!earlier.isEmpty()) {
                    return replayedBroadcast(earlier, message);
                }
            }
            requireSender(session.getMapper(AgentMapper.class), message);
            Instant now = clock.instant();
            // Copies have ids "id:agent", so the primary key alone cannot see that the broadcast id is taken.
            if (mapper.find(id) != null || !mapper.findBroadcast(id).isEmpty()) {
                throw new ConflictException(ErrorCode.DUPLICATE,
                        "message.id: '" + id + "' is already used");
            }
            mapper.broadcast(id, message, payload, now, expiry(message, now));
            return messages(mapper.findBroadcast(id).stream().map(row -> row.withStoredPayload(message.payload())).toList());
        });
    }

    @Override
    public Optional<Message> find(String id) {
        Checks.id(id, "message.id");
        return executor.read(session -> Optional.ofNullable(session.getMapper(MessageMapper.class).find(id))
                .map(row -> row.toMessage(contents)));
    }

    @Override
    public List<Message> findByIdempotencyKey(String idempotencyKey) {
        Checks.id(idempotencyKey, "message.idempotencyKey");
        return executor.read(session ->
                messages(session.getMapper(MessageMapper.class).findByIdempotencyKey(idempotencyKey)));
    }

    /**
     * Delivers in a write. Where every write queues for one connection, a read first looks for
     * something to deliver: an empty inbox, the common case of an agent looking for mail, then costs a
     * read and never waits for the writer.
     */
    @Override
    public List<Message> inbox(String agentId, int limit, Duration visibilityTimeout) {
        Checks.id(agentId, "agent.id");
        Checks.between(limit, 1, MAX_INBOX_LIMIT, "inbox.limit");
        Checks.positive(visibilityTimeout, "inbox.visibilityTimeout");
        if (executor.serializesWrites() && !executor.read(
                session -> session.getMapper(MessageMapper.class).anyVisible(agentId, clock.instant()))) {
            return List.of();
        }
        return executor.writeWithRowLocks(session -> {
            MessageMapper mapper = session.getMapper(MessageMapper.class);
            Instant now = clock.instant();
            List<String> ids = mapper.visible(agentId, now, limit);
            if (ids.isEmpty()) {
                return List.<Message>of();
            }
            Map<String, Message> byId = messages(mapper.markDelivered(ids, now, now.plus(visibilityTimeout))).stream()
                    .collect(Collectors.toMap(Message::id, Function.identity()));
            return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        });
    }

    @Override
    public boolean ack(String agentId, String messageId) {
        Checks.id(agentId, "agent.id");
        Checks.id(messageId, "message.id");
        // One UPDATE guarded by the unacknowledged state; the existence check only names the refusal.
        return executor.writeWithRowLocks(session -> {
            MessageMapper mapper = session.getMapper(MessageMapper.class);
            if (mapper.ack(agentId, messageId, clock.instant()) > 0) {
                return true;
            }
            if (!mapper.exists(agentId, messageId)) {
                throw new NotFoundException("message", messageId);
            }
            return false;
        });
    }

    @Override
    public int purgeExpired() {
        return executor.write(session -> session.getMapper(MessageMapper.class).purgeExpired(clock.instant()));
    }

    @Override
    public long countPending(String agentId) {
        Checks.optionalId(agentId, "agent.id");
        return executor.read(session -> session.getMapper(MessageMapper.class).countPending(agentId, clock.instant()));
    }

    private List<Message> messages(List<MessageRow> rows) {
        return rows.stream().map(row -> row.toMessage(contents)).toList();
    }

    private static void requireSender(AgentMapper agents, NewMessage message) {
        if (message.fromAgent() != null && !agents.exists(message.fromAgent())) {
            throw new NotFoundException("agent", message.fromAgent());
        }
    }

    /** The earlier direct message to the same recipient; any other use of the key is a conflict. */
    private static Message replayedSend(List<Message> earlier, NewMessage message) {
        if (earlier.stream().anyMatch(copy -> copy.broadcastId() != null)) {
            throw keyUsed(message.idempotencyKey(), "a broadcast");
        }
        // Only one direct message can carry a key: a second send with it never stored anything.
        Message first = earlier.get(0);
        if (!first.toAgent().equals(message.toAgent())) {
            throw keyUsed(message.idempotencyKey(), "a message to another agent");
        }
        return first;
    }

    /** The earlier broadcast's copies; a key a direct message used is a conflict. */
    private static List<Message> replayedBroadcast(List<Message> earlier, NewMessage message) {
        if (earlier.stream().anyMatch(copy -> copy.broadcastId() == null)) {
            throw keyUsed(message.idempotencyKey(), "a direct message");
        }
        return List.copyOf(earlier);
    }

    private static ConflictException keyUsed(String key, String byWhat) {
        return new ConflictException(ErrorCode.DUPLICATE,
                "message.idempotencyKey: '" + key + "' is already used by " + byWhat);
    }

    private static Instant expiry(NewMessage message, Instant now) {
        return message.timeToLive() == null ? null : now.plus(message.timeToLive());
    }
}
