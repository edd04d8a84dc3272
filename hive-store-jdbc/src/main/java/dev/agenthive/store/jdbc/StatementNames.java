package dev.agenthive.store.jdbc;

import dev.agenthive.api.observe.StatementListener;
import dev.agenthive.api.observe.StatementScope;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

import java.util.Arrays;
import java.util.List;

/**
 * The MyBatis interceptor of a {@link MapperCatalog} that tells the stores' {@link StatementListener}s
 * which statement runs: before each one, the id of its mapped statement (e.g.
 * {@code dev.agenthive.store.jdbc.task.TaskMapper.claim}, never a parameter) goes to the
 * {@link StatementScope} current on the calling thread. One catalog serves every store its provider
 * opens, so the interceptor asks the listener of each store that listens; executors made while no
 * store listens are not wrapped at all, and run their statements as if the interceptor were not there.
 */
@Intercepts({
        @Signature(type = Executor.class, method = "update", args = {MappedStatement.class, Object.class}),
        @Signature(type = Executor.class, method = "query",
                args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
        @Signature(type = Executor.class, method = "queryCursor",
                args = {MappedStatement.class, Object.class, RowBounds.class})})
final class StatementNames implements Interceptor {
    private static final StatementListener[] NONE = new StatementListener[0];

    /** Copied on change: statements read it without a lock. */
    private volatile StatementListener[] listeners = NONE;

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        StatementListener[] now = listeners;
        if (now.length > 0) {
            String id = ((MappedStatement) invocation.getArgs()[0]).getId();
            for (StatementListener listener : now) {
                StatementScope scope = listener.current();
                if (scope != null) {
                    scope.statement(id);
                }
            }
        }
        return invocation.proceed();
    }

    /** Wraps executors only, and only while a store listens: MyBatis asks for every handler of every statement too. */
    @Override
    public Object plugin(Object target) {
        if (!(target instanceof Executor) || listeners.length == 0) {
            return target;
        }
        return Plugin.wrap(target, this);
    }

    /**
     * Tells {@code listener} of the statements of the sessions opened from now on.
     *
     * @return stops telling it; run it when the store closes
     */
    synchronized Runnable add(StatementListener listener) {
        if (listener == StatementListener.NONE) {
            return () -> { };
        }
        StatementListener[] grown = Arrays.copyOf(listeners, listeners.length + 1);
        grown[grown.length - 1] = listener;
        listeners = grown;
        return () -> remove(listener);
    }

    private synchronized void remove(StatementListener listener) {
        List<StatementListener> kept = Arrays.stream(listeners).filter(l -> l != listener).toList();
        listeners = kept.isEmpty() ? NONE : kept.toArray(StatementListener[]::new);
    }
}
