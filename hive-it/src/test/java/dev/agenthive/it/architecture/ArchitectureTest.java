package dev.agenthive.it.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of DESIGN.md section 1 ({@link HiveArchitecture}), checked on the production
 * classes of every module on this module's test classpath. Rules are fields so that every rule
 * built is also run; an empty import fails (ArchUnit's failOnEmptyShould), so a rule can never
 * pass vacuously. {@code ArchitectureRulesTest} shows each rule failing on a class that breaks it.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String ROOT = "dev.agenthive";

    @ArchTest
    static final ArchRule onion_architecture_with_named_adapters = HiveArchitecture.onion(ROOT);

    @ArchTest
    static final ArchRule api_depends_on_nothing_but_the_jdk = HiveArchitecture.apiDependsOnlyOnTheJdk(ROOT);

    @ArchTest
    static final ArchRule core_depends_only_on_the_api_and_its_libraries =
            HiveArchitecture.coreDependsOnlyOnTheApiAndItsLibraries(ROOT);

    @ArchTest
    static final ArchRule metrics_add_ons_depend_only_on_the_core_and_their_libraries =
            HiveArchitecture.metricsAddOnsDependOnlyOnTheCoreAndTheirLibraries(ROOT);

    @ArchTest
    static final ArchRule adapters_depend_only_on_the_api = HiveArchitecture.adaptersDependOnlyOnTheApi(ROOT);

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = HiveArchitecture.adaptersDoNotDependOnEachOther(ROOT);

    @ArchTest
    static final ArchRule jdbc_support_depends_only_on_its_libraries =
            HiveArchitecture.jdbcSupportDependsOnlyOnItsLibraries(ROOT);

    @ArchTest
    static final ArchRule tck_sees_only_the_api = HiveArchitecture.tckSeesOnlyTheApi(ROOT);
}
