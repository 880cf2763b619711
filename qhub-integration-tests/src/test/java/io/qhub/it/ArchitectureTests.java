package io.qhub.it;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The shape of the house (see the architecture guide), checked on the production classes
 * of every module: no package cycle anywhere in {@code io.qhub}; layers depend only
 * downwards (core, data pool, client, tracking, auto-configuration; nothing production
 * depends on the test gateway); an {@code internal} package is used only within its
 * layer's jar ({@code client.internal} only by the client, {@code core.internal} only by
 * the client library's packages); the client library and tracking never import Spring
 * Boot.
 */
class ArchitectureTests {

	private static final JavaClasses PRODUCTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ArchitectureTests::isProductionCode)
		.importPackages("io.qhub");

	private static boolean isProductionCode(Location location) {
		return !location.contains("-tests.jar") && !location.contains("/test-classes/")
				&& !location.contains("/benchmarks/") && !location.contains("/sample-app/");
	}

	@Test
	void noPackageCycle() {
		SlicesRuleDefinition.slices().matching("io.qhub.(**)").should().beFreeOfCycles().check(PRODUCTION);
	}

	@Test
	void theCoreDependsOnNothingAboveIt() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("io.qhub.service.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.qhub.service.datapool..", "io.qhub.service.client..", "io.qhub.tracking..",
					"io.qhub.autoconfigure..", "io.qhub.test..")
			.check(PRODUCTION);
	}

	@Test
	void theDataPoolDependsOnTheCoreOnly() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("io.qhub.service.datapool..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.qhub.service.client..", "io.qhub.tracking..", "io.qhub.autoconfigure..",
					"io.qhub.test..")
			.check(PRODUCTION);
	}

	@Test
	void theClientDependsOnTheCoreAndTheDataPoolOnly() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("io.qhub.service.client..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.qhub.tracking..", "io.qhub.autoconfigure..", "io.qhub.test..")
			.check(PRODUCTION);
	}

	@Test
	void trackingDependsOnTheClientsApiOnly() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("io.qhub.tracking..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.qhub.autoconfigure..", "io.qhub.test..", "..internal..")
			.check(PRODUCTION);
	}

	@Test
	void theAutoConfigurationUsesNoInternalPackageAndNotTheTestGateway() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("io.qhub.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..internal..", "io.qhub.test..")
			.check(PRODUCTION);
	}

	@Test
	void theClientsInternalsAreUsedByTheClientOnly() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideOutsideOfPackage("io.qhub.service.client..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.qhub.service.client.internal..")
			.check(PRODUCTION);
	}

	@Test
	void theHttpStackIsUsedByTheClientLibraryOnly() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideOutsideOfPackage("io.qhub.service..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.qhub.service.core.internal..")
			.check(PRODUCTION);
	}

	@Test
	void theClientLibraryAndTrackingNeverImportSpringBoot() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAnyPackage("io.qhub.service..", "io.qhub.tracking..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.check(PRODUCTION);
	}

}
