package dev.agenthive.tck;

import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.store.HiveStore;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Replaces every test that needs a capability the store does not declare by the check that the
 * store refuses it: the contract's own {@code @BeforeEach}, {@code @AfterEach} and test body do not
 * run (they would only fail on the missing aggregate), while {@link AbstractStoreContract} still
 * opens and closes the store around the check.
 */
final class CapabilityInterceptor implements InvocationInterceptor {

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                          ExtensionContext extensionContext) throws Throwable {
        proceedUnlessContractCodeOfAMissingCapability(invocation, invocationContext, extensionContext);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext extensionContext) throws Throwable {
        proceedUnlessContractCodeOfAMissingCapability(invocation, invocationContext, extensionContext);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        runOrAssertRefusal(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        runOrAssertRefusal(invocation, extensionContext);
    }

    private static void proceedUnlessContractCodeOfAMissingCapability(
            Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        boolean storeLifecycle = invocationContext.getExecutable().getDeclaringClass() == AbstractStoreContract.class;
        if (storeLifecycle || missing(extensionContext).isEmpty()) {
            invocation.proceed();
        } else {
            invocation.skip();
        }
    }

    private static void runOrAssertRefusal(Invocation<Void> invocation, ExtensionContext extensionContext) throws Throwable {
        Set<Capability> missing = missing(extensionContext);
        if (missing.isEmpty()) {
            invocation.proceed();
            return;
        }
        invocation.skip();
        HiveStore store = contract(extensionContext).store();
        for (Capability capability : missing) {
            Throwable refusal = catchThrowable(() -> capability.access(store));
            assertThat(refusal)
                    .as("what HiveStore.%s() of %s, which does not declare %s, throws", capability.aggregate(),
                            store.getClass().getName(), capability)
                    .isInstanceOfSatisfying(HiveException.class, unsupported -> {
                        assertThat(unsupported.code()).as("error code").isEqualTo(ErrorCode.UNSUPPORTED);
                        assertThat(unsupported.getMessage()).as("message").contains(capability.aggregate());
                    });
        }
    }

    /** The capabilities the running test needs and its store does not declare. */
    private static Set<Capability> missing(ExtensionContext extensionContext) {
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        for (AnnotatedElement element : List.of(extensionContext.getRequiredTestClass(), extensionContext.getRequiredTestMethod())) {
            RequiresCapability required = element.getAnnotation(RequiresCapability.class);
            if (required != null) {
                missing.addAll(List.of(required.value()));
            }
        }
        missing.removeAll(declared(contract(extensionContext)));
        return missing;
    }

    private static Set<Capability> declared(AbstractStoreContract contract) {
        Set<Capability> declared = contract.tck().capabilities();
        assertThat(declared).as("capabilities()").isNotNull();
        if (declared.contains(Capability.CHECKPOINTS)) {
            assertThat(declared).as("capabilities() with CHECKPOINTS, which belong to projects").contains(Capability.PROJECTS);
        }
        return declared;
    }

    private static AbstractStoreContract contract(ExtensionContext extensionContext) {
        return (AbstractStoreContract) extensionContext.getRequiredTestInstance();
    }
}
