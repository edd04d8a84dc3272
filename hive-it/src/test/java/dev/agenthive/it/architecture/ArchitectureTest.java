package dev.agenthive.it.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules of DESIGN.md section 1, checked on the production classes of every module
 * on this module's test classpath. Rules are fields so that every rule built is also run; an
 * empty import fails (ArchUnit's failOnEmptyShould), so a rule can never pass vacuously.
 */
@AnalyzeClasses(packages = "dev.agenthive", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The api is the contract plugins compile against: JDK only, no library at all. */
    @ArchTest
    static final ArchRule api_depends_on_nothing_but_the_jdk = classes()
            .that().resideInAPackage("dev.agenthive.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.agenthive.api..");

    /** The core reaches adapters only through the SPI and ServiceLoader. */
    @ArchTest
    static final ArchRule core_never_names_an_adapter = noClasses()
            .that().resideInAPackage("dev.agenthive.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.agenthive.store..", "dev.agenthive.cli..",
                    "org.sqlite..", "org.postgresql..", "org.apache.ibatis..", "com.zaxxer.hikari..",
                    "org.flywaydb..", "io.lettuce..", "com.github.benmanes.caffeine..");

    /** Adapters implement the api; they never reach into the core. */
    @ArchTest
    static final ArchRule adapters_do_not_depend_on_the_core = noClasses()
            .that().resideInAPackage("dev.agenthive.store..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.agenthive.core..", "dev.agenthive.cli..");

    /**
     * Adapters never depend on each other; the shared relational support in
     * {@code dev.agenthive.store.jdbc} is the one module SQL stores build on.
     */
    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = slices()
            .matching("dev.agenthive.store.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(alwaysTrue(), resideInAPackage("dev.agenthive.store.jdbc.."));

    /** The shared JDBC support knows no concrete database driver. */
    @ArchTest
    static final ArchRule jdbc_support_names_no_driver = noClasses()
            .that().resideInAPackage("dev.agenthive.store.jdbc..")
            .should().dependOnClassesThat().resideInAnyPackage("org.sqlite..", "org.postgresql..");

    /** The TCK tests ports, so it may see only the api (and its test libraries). */
    @ArchTest
    static final ArchRule tck_sees_only_the_api = noClasses()
            .that().resideInAPackage("dev.agenthive.tck..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.agenthive.core..", "dev.agenthive.store..");
}
