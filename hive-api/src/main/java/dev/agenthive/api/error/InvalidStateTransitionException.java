package dev.agenthive.api.error;

/** The entity's current state does not allow the requested transition; nothing was changed. */
public class InvalidStateTransitionException extends HiveException {
    private static final long serialVersionUID = 1L;

    private final String entity;
    private final String id;
    private final String from;
    private final String to;

    public InvalidStateTransitionException(String entity, String id, String from, String to) {
        super(ErrorCode.INVALID_STATE_TRANSITION,
                entity + " '" + id + "' cannot go from " + from + " to " + to);
        this.entity = entity;
        this.id = id;
        this.from = from;
        this.to = to;
    }

    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }

    /** The state the entity was found in. */
    public String from() {
        return from;
    }

    /** The state (or operation) that was refused. */
    public String to() {
        return to;
    }
}
