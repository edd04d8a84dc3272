package dev.agenthive.api.error;

/**
 * An argument broke a rule. The message always names the field and the rule, e.g.
 * {@code "task.title: must not be blank"}; nothing was written.
 */
public class InvalidInputException extends HiveException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rule;

    public InvalidInputException(String field, String rule) {
        this(field, rule, null);
    }

    public InvalidInputException(String field, String rule, Throwable cause) {
        super(ErrorCode.INVALID_INPUT, field + ": " + rule, cause);
        this.field = field;
        this.rule = rule;
    }

    /** The offending field, qualified by its owner where that helps, e.g. {@code "task.title"}. */
    public String field() {
        return field;
    }

    /** The rule that was broken, e.g. {@code "must not be blank"}. */
    public String rule() {
        return rule;
    }
}
