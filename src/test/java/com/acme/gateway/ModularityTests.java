package com.acme.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.acme.gateway.problem.Problem;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(GatewayApplication.class);
    static final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.acme.gateway");

    @Test
    void verifiesModuleBoundaries() {
        modules.verify();
    }

    @Test
    void onlyTheWorkspaceModuleTalksHttpToTheUpstream() {
        noClasses().that().resideOutsideOfPackage("com.acme.gateway.workspace..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.client.RestClient")
                .because("only the workspace module may call the Workspace API")
                .check(classes);
    }

    @Test
    void workspaceKnowsNothingOfTeams() {
        noClasses().that().resideInAPackage("com.acme.gateway.workspace..")
                .should().dependOnClassesThat().resideInAnyPackage("com.acme.gateway.policy..",
                        "com.acme.gateway.security..", "com.acme.gateway.audit..", "com.acme.gateway.idempotency..")
                .check(classes);
    }

    @Test
    void theExecutionCoreKnowsNothingOfHttp() {
        noClasses().that().resideInAPackage("com.acme.gateway.execution..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.http..", "jakarta.servlet..")
                .because("the execution core returns results; only the web layer turns them into HTTP")
                .check(classes);
    }

    @Test
    void onlyTheProblemCatalogueBuildsProblemBodies() {
        noClasses().that().resideOutsideOfPackage("com.acme.gateway.problem..")
                .should().callCodeUnitWhere(DescribedPredicate.describe(
                        "build a Spring ProblemDetail, construct a Problem or choose a response's content type",
                        ModularityTests::buildsAProblemBody))
                .because("every problem body comes from the one catalogue and writer in com.acme.gateway.problem")
                .check(classes);
    }

    private static boolean buildsAProblemBody(JavaCall<?> call) {
        String name = call.getName();
        var owner = call.getTargetOwner();
        return owner.isAssignableTo(ProblemDetail.class) && !name.startsWith("get")
                || owner.isEquivalentTo(Problem.class) && name.equals(JavaConstructor.CONSTRUCTOR_NAME)
                || owner.isAssignableTo(ServletResponse.class) && name.equals("setContentType")
                || owner.isAssignableTo(HttpHeaders.class) && name.equals("setContentType")
                || owner.isAssignableTo(ResponseEntity.HeadersBuilder.class) && name.equals("contentType");
    }
}
