package dev.agenthive.it.tck;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.agenthive.tck.AbstractStoreContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A contract added to the TCK later is run against every store, not silently left out of one. */
class TckCoverageTest {

    @ParameterizedTest
    @ValueSource(strings = {"Sqlite", "Postgres"})
    void everyContractOfTheTckHasASubclassPerStore(String store) {
        String tckPackage = AbstractStoreContract.class.getPackageName();
        String thisPackage = TckCoverageTest.class.getPackageName();
        JavaClasses imported = new ClassFileImporter().importPackages(tckPackage, thisPackage);

        List<String> contracts = imported.stream()
                .filter(type -> type.getPackageName().equals(tckPackage))
                .filter(type -> type.isAssignableTo(AbstractStoreContract.class))
                .filter(type -> !type.isEquivalentTo(AbstractStoreContract.class))
                .map(JavaClass::getName)
                .toList();
        Set<String> covered = imported.stream()
                .filter(type -> type.getPackageName().equals(thisPackage))
                .filter(type -> type.getSimpleName().startsWith(store))
                .flatMap(type -> type.getRawSuperclass().stream())
                .map(JavaClass::getName)
                .collect(Collectors.toSet());

        assertThat(contracts).as("contracts found in %s", tckPackage).hasSizeGreaterThanOrEqualTo(9);
        assertThat(covered).as("contracts with a %s subclass", store).containsAll(contracts);
    }
}
