package dev.agenthive.tck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The capabilities a contract (on its class) or one of its tests (on the method) uses beyond the
 * aggregates every store has. {@link CapabilityInterceptor} reads it: a test whose capabilities
 * the store lacks asserts the store's refusal instead of running.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
@interface RequiresCapability {
    Capability[] value();
}
