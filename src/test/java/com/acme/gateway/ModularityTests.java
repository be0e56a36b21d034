package com.acme.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(GatewayApplication.class);

    @Test
    void verifiesModuleBoundaries() {
        modules.verify();
    }

    @Test
    void onlyTheWorkspaceModuleTalksHttpToTheUpstream() {
        noClasses().that().resideOutsideOfPackage("com.acme.gateway.workspace..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.client.RestClient")
                .because("only the workspace module may call the Workspace API")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.acme.gateway"));
    }

    @Test
    void workspaceKnowsNothingOfTeams() {
        noClasses().that().resideInAPackage("com.acme.gateway.workspace..")
                .should().dependOnClassesThat().resideInAnyPackage("com.acme.gateway.policy..",
                        "com.acme.gateway.security..", "com.acme.gateway.audit..", "com.acme.gateway.idempotency..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.acme.gateway"));
    }
}
