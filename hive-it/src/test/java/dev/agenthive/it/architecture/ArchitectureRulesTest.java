package dev.agenthive.it.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.agenthive.it.architecture.fixture.api.Agent;
import dev.agenthive.it.architecture.fixture.api.ApiUsingALibrary;
import dev.agenthive.it.architecture.fixture.api.ModelUsingAPort;
import dev.agenthive.it.architecture.fixture.api.store.AgentStore;
import dev.agenthive.it.architecture.fixture.cache.gamma.CacheUsingAStore;
import dev.agenthive.it.architecture.fixture.cache.gamma.CacheUsingTheJdbcSupport;
import dev.agenthive.it.architecture.fixture.cache.gamma.GammaCache;
import dev.agenthive.it.architecture.fixture.cli.AgentCommand;
import dev.agenthive.it.architecture.fixture.cli.CommandUsingAStore;
import dev.agenthive.it.architecture.fixture.cli.MetersCommand;
import dev.agenthive.it.architecture.fixture.core.AgentRegistry;
import dev.agenthive.it.architecture.fixture.core.CoreNamingAnAdapter;
import dev.agenthive.it.architecture.fixture.core.CoreUsingADriver;
import dev.agenthive.it.architecture.fixture.core.CoreUsingTheMeters;
import dev.agenthive.it.architecture.fixture.importer.AgentImporter;
import dev.agenthive.it.architecture.fixture.importer.ImporterUsingAStore;
import dev.agenthive.it.architecture.fixture.metrics.AgentMeters;
import dev.agenthive.it.architecture.fixture.metrics.MetersUsingADriver;
import dev.agenthive.it.architecture.fixture.metrics.MetersUsingAStore;
import dev.agenthive.it.architecture.fixture.store.alpha.AlphaAgentStore;
import dev.agenthive.it.architecture.fixture.store.alpha.StoreUsingTheCommandLine;
import dev.agenthive.it.architecture.fixture.store.alpha.StoreUsingTheCore;
import dev.agenthive.it.architecture.fixture.store.alpha.StoreUsingTheMeters;
import dev.agenthive.it.architecture.fixture.store.beta.BetaAgentStore;
import dev.agenthive.it.architecture.fixture.store.beta.StoreUsingAnotherStore;
import dev.agenthive.it.architecture.fixture.store.jdbc.JdbcSupport;
import dev.agenthive.it.architecture.fixture.store.jdbc.SupportNamingADriver;
import dev.agenthive.it.architecture.fixture.tck.AgentStoreContract;
import dev.agenthive.it.architecture.fixture.tck.ContractUsingTheCore;
import dev.agenthive.it.architecture.fixture.unplaced.Unplaced;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The rules of {@link HiveArchitecture} can fail: each holds for the compliant fixture hive in
 * {@code dev.agenthive.it.architecture.fixture}, and each fails, naming the culprit, once one class
 * that breaks it joins. A rule that held whatever the classes would be a test that asserts nothing.
 */
class ArchitectureRulesTest {
    private static final String ROOT = "dev.agenthive.it.architecture.fixture";
    private static final List<Class<?>> COMPLIANT = List.of(Agent.class, AgentStore.class, AgentRegistry.class,
            JdbcSupport.class, AlphaAgentStore.class, BetaAgentStore.class, GammaCache.class, AgentCommand.class,
            AgentImporter.class, AgentStoreContract.class, AgentMeters.class, MetersCommand.class);

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("onion", (Function<String, ArchRule>) HiveArchitecture::onion),
                arguments("api", (Function<String, ArchRule>) HiveArchitecture::apiDependsOnlyOnTheJdk),
                arguments("core", (Function<String, ArchRule>) HiveArchitecture::coreDependsOnlyOnTheApiAndItsLibraries),
                arguments("metrics", (Function<String, ArchRule>) HiveArchitecture::metricsAddOnsDependOnlyOnTheCoreAndTheirLibraries),
                arguments("adapters", (Function<String, ArchRule>) HiveArchitecture::adaptersDependOnlyOnTheApi),
                arguments("slices", (Function<String, ArchRule>) HiveArchitecture::adaptersDoNotDependOnEachOther),
                arguments("jdbc", (Function<String, ArchRule>) HiveArchitecture::jdbcSupportDependsOnlyOnItsLibraries),
                arguments("tck", (Function<String, ArchRule>) HiveArchitecture::tckSeesOnlyTheApi));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void everyRuleHoldsForTheCompliantFixture(String name, Function<String, ArchRule> rule) {
        assertThatCode(() -> rule.apply(ROOT).check(fixture())).doesNotThrowAnyException();
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                arguments(HiveArchitecture.onion(ROOT), CoreNamingAnAdapter.class),
                arguments(HiveArchitecture.onion(ROOT), ModelUsingAPort.class),
                arguments(HiveArchitecture.onion(ROOT), StoreUsingTheCommandLine.class),
                arguments(HiveArchitecture.onion(ROOT), CacheUsingAStore.class),
                arguments(HiveArchitecture.onion(ROOT), CommandUsingAStore.class),
                arguments(HiveArchitecture.onion(ROOT), ImporterUsingAStore.class),
                arguments(HiveArchitecture.onion(ROOT), Unplaced.class),
                arguments(HiveArchitecture.onion(ROOT), MetersUsingAStore.class),
                arguments(HiveArchitecture.apiDependsOnlyOnTheJdk(ROOT), ApiUsingALibrary.class),
                arguments(HiveArchitecture.coreDependsOnlyOnTheApiAndItsLibraries(ROOT), CoreNamingAnAdapter.class),
                arguments(HiveArchitecture.coreDependsOnlyOnTheApiAndItsLibraries(ROOT), CoreUsingADriver.class),
                arguments(HiveArchitecture.coreDependsOnlyOnTheApiAndItsLibraries(ROOT), CoreUsingTheMeters.class),
                arguments(HiveArchitecture.metricsAddOnsDependOnlyOnTheCoreAndTheirLibraries(ROOT), MetersUsingAStore.class),
                arguments(HiveArchitecture.metricsAddOnsDependOnlyOnTheCoreAndTheirLibraries(ROOT), MetersUsingADriver.class),
                arguments(HiveArchitecture.adaptersDependOnlyOnTheApi(ROOT), StoreUsingTheCore.class),
                arguments(HiveArchitecture.adaptersDependOnlyOnTheApi(ROOT), StoreUsingTheCommandLine.class),
                arguments(HiveArchitecture.adaptersDependOnlyOnTheApi(ROOT), StoreUsingTheMeters.class),
                arguments(HiveArchitecture.adaptersDoNotDependOnEachOther(ROOT), StoreUsingAnotherStore.class),
                arguments(HiveArchitecture.adaptersDoNotDependOnEachOther(ROOT), CacheUsingAStore.class),
                arguments(HiveArchitecture.adaptersDoNotDependOnEachOther(ROOT), CacheUsingTheJdbcSupport.class),
                arguments(HiveArchitecture.jdbcSupportDependsOnlyOnItsLibraries(ROOT), SupportNamingADriver.class),
                arguments(HiveArchitecture.tckSeesOnlyTheApi(ROOT), ContractUsingTheCore.class));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("violations")
    void aRuleFailsNamingTheClassThatBreaksIt(ArchRule rule, Class<?> culprit) {
        AssertionError failure = null;
        try {
            rule.check(fixture(culprit));
        } catch (AssertionError e) {
            failure = e;
        }

        assertThat(failure).as("%s must fail with %s", rule.getDescription(), culprit.getSimpleName()).isNotNull();
        assertThat(failure.getMessage()).contains(culprit.getName());
    }

    /**
     * The compliant fixture plus {@code extra}. Classes outside the import stay unresolved stubs:
     * the rules judge a dependency by its target's package, and resolving them from the classpath
     * (every driver and library) would make each case slow.
     */
    private static JavaClasses fixture(Class<?>... extra) {
        List<Class<?>> classes = new ArrayList<>(COMPLIANT);
        classes.addAll(List.of(extra));
        return ArchConfiguration.withThreadLocalScope(configuration -> {
            configuration.setResolveMissingDependenciesFromClassPath(false);
            return new ClassFileImporter().importClasses(classes);
        });
    }
}
