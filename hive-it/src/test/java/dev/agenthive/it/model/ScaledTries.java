package dev.agenthive.it.model;

import dev.agenthive.it.fault.Scale;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Runs a property 1000 times in the full-scale run ({@code -Preliability}), as often as its
 * {@code @Property(tries)} says otherwise: an annotation can only hold a constant.
 */
public final class ScaledTries implements AroundPropertyHook {
    static final int FULL_TRIES = 1_000;

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        if (Scale.full()) {
            context.attributes().setTries(FULL_TRIES);
        }
        return property.execute();
    }
}
