package dev.agenthive.it.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules of DESIGN.md section 1 as allow-lists: each says what a part may depend on,
 * never what it must not, so a part added later (a MariaDB store, a Redis cache, a file blob store)
 * is held to the rules by its package alone, without editing a list of forbidden names. Adapters
 * live in {@code <root>.store.<module>}, {@code <root>.cache.<module>}, {@code <root>.blob.<module>} or
 * {@code <root>.importer.<module>}. Optional add-ons of the core that are no adapter (they plug into the
 * core's wiring, not its SPI, and no part of the hive depends on them) live in {@code <root>.metrics.<module>}.
 *
 * <p>Every rule is built for a root package, {@code dev.agenthive} in production, so that
 * {@code ArchitectureRulesTest} can run the very same rules over a small fixture hive and show each
 * one failing on a class that breaks it.
 */
final class HiveArchitecture {
    /** The ports and SPI in the api; the rest of the api is the domain model. */
    private static final String[] PORT_PACKAGES = {".api.service..", ".api.store..", ".api.spi..", ".api.notify.."};

    private HiveArchitecture() {
    }

    /**
     * The onion: api records and values at the centre, the api's ports and SPI around them, the core
     * and its metrics add-ons as the application, and named adapters outside: storage, cache and blob
     * modules, the command line, the benchmarks and the TCK. Adapters never depend on one another's kind, nothing inside
     * depends on an adapter, and every class under the root has a place (a package outside all of
     * them fails). Layers may be empty, since the cache, blob and bench adapters are not on every
     * classpath; the other rules fail when the parts that must be there are missing.
     */
    static ArchRule onion(String root) {
        return onionArchitecture()
                .domainModels(resideInAPackage(root + ".api..").and(not(resideInAnyPackage(ports(root))))
                        .as("the api's model"))
                .domainServices(ports(root))
                .applicationServices(root + ".core..", root + ".metrics..")
                .adapter("storage", root + ".store..")
                .adapter("cache", root + ".cache..")
                .adapter("blob", root + ".blob..")
                .adapter("command line", root + ".cli..")
                .adapter("importer", root + ".importer..")
                .adapter("benchmark", root + ".bench..")
                .adapter("contract test kit", root + ".tck..")
                .withOptionalLayers(true)
                .ensureAllClassesAreContainedInArchitecture();
    }

    /** The api is the contract plugins compile against: the JDK and itself, no library at all. */
    static ArchRule apiDependsOnlyOnTheJdk(String root) {
        return classes().that().resideInAPackage(root + ".api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".api..");
    }

    /**
     * The core sees the api, itself, and the libraries it is built on; any adapter, and any
     * adapter's library (a driver, MyBatis, a Redis client), is outside that list.
     */
    static ArchRule coreDependsOnlyOnTheApiAndItsLibraries(String root) {
        return classes().that().resideInAPackage(root + ".core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".api..", root + ".core..",
                        "com.google.inject..", "jakarta.inject..", "com.fasterxml.jackson..", "org.slf4j..",
                        "io.micrometer..");
    }

    /**
     * A metrics add-on (a Prometheus endpoint) sees the api, the core, itself and the libraries it is
     * built on: Micrometer, a metrics client, the JDK's HTTP server and Guice. It is not an adapter,
     * so it may use the core; it names no adapter and no adapter's library. That nothing but the outer
     * ring uses it follows from the core's and the adapters' own allow-lists.
     */
    static ArchRule metricsAddOnsDependOnlyOnTheCoreAndTheirLibraries(String root) {
        return classes().that().resideInAPackage(root + ".metrics..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".api..", root + ".core..",
                        root + ".metrics..", "io.micrometer..", "io.prometheus..", "com.sun.net.httpserver..",
                        "com.google.inject..");
    }

    /** Adapters implement the api; they never reach into the core, the command line, the benchmarks or the TCK. */
    static ArchRule adaptersDependOnlyOnTheApi(String root) {
        return classes().that().resideInAPackage(adapters(root))
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(root + "..")
                        .or(resideInAnyPackage(root + ".api..", adapters(root))));
    }

    /**
     * Each adapter module is its own slice and no slice depends on another; the shared relational
     * support in {@code <root>.store.jdbc} is the one module a SQL store builds on.
     */
    static ArchRule adaptersDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".(store|cache|blob|importer).(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(resideInAPackage(root + ".store.."), resideInAPackage(root + ".store.jdbc.."));
    }

    /**
     * The shared JDBC support is the JDK's {@code java.sql} and XML parser (it merges dialects' mapper
     * overlays into the shared mapper XML), MyBatis, Flyway and a pool: it names no driver of any database.
     */
    static ArchRule jdbcSupportDependsOnlyOnItsLibraries(String root) {
        return classes().that().resideInAPackage(root + ".store.jdbc..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.sql..",
                        "javax.xml..", "org.w3c.dom..", "org.xml.sax..", root + ".api..", root + ".store.jdbc..",
                        "org.apache.ibatis..", "org.flywaydb..", "com.zaxxer.hikari..", "com.fasterxml.jackson..",
                        "org.slf4j..");
    }

    /** The TCK tests ports, so it may see only the api (and its test libraries). */
    static ArchRule tckSeesOnlyTheApi(String root) {
        return classes().that().resideInAPackage(root + ".tck..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(root + "..")
                        .or(resideInAnyPackage(root + ".api..", root + ".tck..")));
    }

    private static String adapters(String root) {
        return root + ".[store|cache|blob|importer]..";
    }

    private static String[] ports(String root) {
        String[] ports = new String[PORT_PACKAGES.length];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = root + PORT_PACKAGES[i];
        }
        return ports;
    }
}
