package io.debuggate.approval;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shape the architecture asks for, checked on the compiled classes. */
class ModuleBoundariesTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.debuggate.approval");

    @Test
    void theRulesAndTheRequestModelKnowNoFramework() {
        classes().that().resideInAnyPackage("io.debuggate.approval.policy..", "io.debuggate.approval.request..",
                        "io.debuggate.approval.event..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..", "io.debuggate.approval",
                        "io.debuggate.approval.policy..", "io.debuggate.approval.request..", "io.debuggate.approval.event..")
                .check(MAIN);
    }

    @Test
    void thePublicFaceDoesNotLeakFlowableOrSpring() {
        noClasses().that().resideInAPackage("io.debuggate.approval")
                .should().dependOnClassesThat().resideInAnyPackage("org.flowable..", "org.springframework..")
                .check(MAIN);
    }

    @Test
    void onlyTheProcessBridgeAndTheTimerDelegatesTalkToFlowable() {
        noClasses().that().resideInAPackage("io.debuggate.approval..")
                .and().doNotHaveSimpleName("ApprovalProcess")
                .and().doNotHaveSimpleName("RequestExpiryDelegate")
                .and().doNotHaveSimpleName("GrantExpiryDelegate")
                .and().doNotHaveSimpleName("BusinessKeys")
                .and().doNotHaveSimpleName("SignatureDesk")
                .and().doNotHaveSimpleName("RequestQueries")
                .and().doNotHaveSimpleName("AuditedChanges")
                .and().doNotHaveSimpleName("ApprovalWorkflowAutoConfiguration")
                .should().dependOnClassesThat().resideInAnyPackage("org.flowable..")
                .check(MAIN);
    }

    @Test
    void nothingDependsOnTheGateway() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.debuggate.gateway..").check(MAIN);
    }
}
