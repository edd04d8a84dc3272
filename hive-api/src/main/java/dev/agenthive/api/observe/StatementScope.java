package dev.agenthive.api.observe;

/**
 * The statements one operation runs, as the core collects them while it watches the operation.
 * A store may call it from another thread than the operation's (the thread that runs the operation's
 * work for it), but never from two threads at once.
 */
public interface StatementScope {

    /**
     * A statement is about to run for this operation.
     *
     * @param name the statement's name, e.g. a MyBatis mapped statement id; never its parameters
     */
    void statement(String name);
}
