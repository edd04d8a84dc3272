package dev.agenthive.api.error;

/** The addressed entity does not exist (or is no longer visible, e.g. expired). */
public class NotFoundException extends HiveException {
    private static final long serialVersionUID = 1L;

    private final String entity;
    private final String id;

    public NotFoundException(String entity, String id) {
        super(ErrorCode.NOT_FOUND, entity + " '" + id + "' does not exist");
        this.entity = entity;
        this.id = id;
    }

    /** Kind of entity that was looked up, e.g. {@code "task"}. */
    public String entity() {
        return entity;
    }

    /** The identifier that was not found. */
    public String id() {
        return id;
    }
}
