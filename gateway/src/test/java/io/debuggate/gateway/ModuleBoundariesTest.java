package io.debuggate.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the module boundaries of architecture.md: nothing depends on the gateway, policies knows
 * no other module and no Spring, audit knows nothing of Flowable, the agent and CLI stay small.
 */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.debuggate");
    }

    @Test
    void nothingDependsOnTheGateway() {
        noClasses().that().resideOutsideOfPackage("io.debuggate.gateway..")
                .should().dependOnClassesThat().resideInAPackage("io.debuggate.gateway..")
                .check(classes);
    }

    @Test
    void policiesDependOnNothingOfOursAndNoSpring() {
        noClasses().that().resideInAPackage("io.debuggate.policies..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.debuggate.audit..", "io.debuggate.approval..", "io.debuggate.agent..",
                        "io.debuggate.cli..", "org.springframework..", "co.elastic..", "org.flowable..")
                .check(classes);
    }

    @Test
    void auditKnowsNothingOfFlowableSpringOrTheWorkflow() {
        noClasses().that().resideInAPackage("io.debuggate.audit..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.flowable..", "org.springframework..", "io.debuggate.approval..", "io.debuggate.agent..")
                .check(classes);
    }

    @Test
    void approvalWorkflowUsesOnlyAudit() {
        noClasses().that().resideInAPackage("io.debuggate.approval..")
                .should().dependOnClassesThat().resideInAnyPackage("io.debuggate.agent..", "io.debuggate.cli..")
                .check(classes);
    }

    @Test
    void agentIsPlainJavaAndDependsOnPoliciesAtMost() {
        noClasses().that().resideInAPackage("io.debuggate.agent..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "io.debuggate.audit..", "io.debuggate.approval..", "io.debuggate.cli..")
                .check(classes);
    }

    @Test
    void cliDependsOnNothingServerSide() {
        noClasses().that().resideInAPackage("io.debuggate.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.debuggate.audit..", "io.debuggate.approval..", "io.debuggate.agent..",
                        "io.debuggate.policies..", "org.springframework..")
                .check(classes);
    }
}
