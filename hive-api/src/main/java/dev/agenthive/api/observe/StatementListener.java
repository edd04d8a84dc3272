package dev.agenthive.api.observe;

/**
 * How a store tells the core which statements an operation ran, for the slow-operation log. The
 * core opens a {@link StatementScope} on the calling thread for the length of each watched service
 * call; the store hands every statement it runs to the calling thread's {@link #current()} scope.
 * A store that runs a caller's work on another thread (SQLite's writer runs a whole batch of callers'
 * writes) captures the caller's scope with {@link #current()} when the work is handed over, and
 * makes it current with {@link #attach} while it runs that work, so that the statements are
 * attributed to the operation they ran for.
 */
public interface StatementListener {

    /** Watches nothing: {@link #current()} is always {@code null}. */
    StatementListener NONE = new StatementListener() {
        @Override
        public StatementScope current() {
            return null;
        }

        @Override
        public StatementScope attach(StatementScope scope) {
            return null;
        }

        @Override
        public String toString() {
            return "StatementListener.NONE";
        }
    };

    /**
     * The scope of the operation the calling thread works for, or {@code null} when none is watched.
     * Called before every statement, so it is cheap (a thread-local read).
     */
    StatementScope current();

    /**
     * Makes {@code scope} (possibly {@code null}) the calling thread's current scope.
     *
     * @return the scope it replaces, which the caller attaches again when it is done
     */
    StatementScope attach(StatementScope scope);
}
