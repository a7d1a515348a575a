package com.usercenter;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import org.springframework.data.repository.Repository;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Features depend on each other only through their public top-level types (and core's
 * named interfaces), and never in a cycle; no module exports an entity or a repository;
 * the shared modules ({@code core}, {@code secrets}, {@code changes}) depend on no other
 * module; inside {@code core} each package depends only on what its
 * {@code package-info.java} says. Writes the module documentation to
 * {@code target/spring-modulith-docs}.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(UserCenterApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void modulesExportNoEntityAndNoRepository() {
		JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("com.usercenter");

		classes().that()
			.areAnnotatedWith(Entity.class)
			.or()
			.areAssignableTo(Repository.class)
			.should()
			.notBePublic()
			.because("a module exports views and services, never its rows")
			.check(all);
	}

	@Test
	void sharedModulesDependOnNoOtherModule() {
		for (String shared : new String[] { "core", "secrets", "changes" }) {
			ApplicationModule module = modules.getModuleByName(shared).orElseThrow();

			assertThat(module.getDirectDependencies(modules)
				.uniqueModules()
				.map((dependency) -> dependency.getIdentifier().toString())).as("the modules %s depends on", shared)
				.isEmpty();
		}
	}

	@Test
	void corePackagesDependOnlyOnWhatTheirPackageInfoSays() {
		JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("com.usercenter.core");

		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("core")
			.definedBy("com.usercenter.core")
			.layer("errors")
			.definedBy("com.usercenter.core.errors..")
			.layer("web")
			.definedBy("com.usercenter.core.web..")
			.layer("security")
			.definedBy("com.usercenter.core.security..")
			.layer("openapi")
			.definedBy("com.usercenter.core.openapi..")
			.layer("validation")
			.definedBy("com.usercenter.core.validation..")
			.layer("startup")
			.definedBy("com.usercenter.core.startup..")
			.layer("metrics")
			.definedBy("com.usercenter.core.metrics..")
			.whereLayer("core")
			.mayNotAccessAnyLayer()
			.whereLayer("errors")
			.mayOnlyAccessLayers("core")
			.whereLayer("web")
			.mayOnlyAccessLayers("core", "errors", "metrics")
			.whereLayer("security")
			.mayOnlyAccessLayers("core", "errors", "web")
			.whereLayer("openapi")
			.mayOnlyAccessLayers("core")
			.whereLayer("validation")
			.mayNotAccessAnyLayer()
			.whereLayer("startup")
			.mayOnlyAccessLayers("core")
			.whereLayer("metrics")
			.mayOnlyAccessLayers("core")
			.check(core);
		slices().matching("com.usercenter.core.(*)..").should().beFreeOfCycles().check(core);
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(modules).writeDocumentation();
	}

}
