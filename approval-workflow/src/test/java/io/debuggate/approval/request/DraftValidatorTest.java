package io.debuggate.approval.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.debuggate.approval.DebugRequestDraft;
import io.debuggate.approval.FieldError;
import io.debuggate.approval.RequestValidationException;
import io.debuggate.approval.SessionDurationLimits;
import io.debuggate.approval.support.Drafts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DraftValidatorTest {

    private final DraftValidator validator = new DraftValidator(new DraftLimits(Duration.ofHours(2), Duration.ofHours(1)));

    @Test
    void aValidDraftIsNormalized() {
        DebugRequestDraft raw = new DebugRequestDraft("  checkout ", "checkout-7d9f-x2", new HashSet<>(List.of("PPROF", " dlv")),
                List.of("heap", "Goroutine", "heap"), "Interactive", "  goroutine leak after deploy  ", "INC-4711", "scope", "rollback",
                "impact", 5, List.of(" p99 dashboard "), null);
        DebugRequestDraft d = validator.validate(raw);
        assertThat(d.targetService()).isEqualTo("checkout");
        assertThat(d.tools()).containsExactlyInAnyOrder("dlv", "pprof");
        assertThat(d.pprofProfiles()).containsExactly("goroutine", "heap");
        assertThat(d.mode()).isEqualTo("interactive");
        assertThat(d.reason()).isEqualTo("goroutine leak after deploy");
        assertThat(d.monitoringChecks()).containsExactly("p99 dashboard");
        assertThat(d.requestedDurationMinutes()).as("the configured default").isEqualTo(60);
    }

    @Test
    void anEmptyDraftListsEveryMissingFieldAtOnce() {
        List<FieldError> errors = errors(new DebugRequestDraft(null, null, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(errors).extracting(FieldError::field).containsExactly("targetService", "targetInstance", "tools", "mode", "reason",
                "ticket", "changeScope", "rollbackSteps", "expectedImpact", "monitoringChecks", "expectedImpactMinutes");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).startsWith("is "));
    }

    @Test
    void badValuesAreQuotedWithTheFix() {
        DebugRequestDraft d = Drafts.interactive();
        List<FieldError> errors = errors(new DebugRequestDraft("Check Out", "-bad", Set.of("gdb", "dlv"), d.pprofProfiles(), "yolo",
                "short", "see chat", d.changeScope(), d.rollbackSteps(), d.expectedImpact(), 500, Arrays.asList("ok", " "), 121));
        assertThat(errors).extracting(FieldError::toString).containsExactly(
                "targetService: is 'Check Out'; use 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit",
                "targetInstance: is '-bad'; use 1-253 letters, digits, '.', '_', ':' or '-', starting and ending with a letter or digit",
                "tools: contains unknown tool 'gdb'; choose from [dap, dlv, pprof]",
                "mode: is 'yolo'; choose one of [pprof, snapshot, interactive]",
                "pprofProfiles: lists [goroutine, heap] but pprof is not among the tools; add pprof or remove the profiles",
                "reason: is 5 characters long; write at least 10",
                "ticket: is 'see chat'; give a ticket key like INC-4711 or an https:// link",
                "monitoringChecks[1]: is blank; name a dashboard or alert",
                "requestedDurationMinutes: is 121; request between 1 and 120 minutes (the configured maximum, debuggate.approval.max-grant-duration=PT2H)",
                "expectedImpactMinutes: is 500; give between 0 and the requested duration (121 minutes)");
    }

    @Test
    void theDurationIsCappedByConfiguration() {
        assertThat(validator.validate(withDuration(120)).requestedDurationMinutes()).isEqualTo(120);
        assertThat(errors(withDuration(121))).extracting(FieldError::field).containsExactly("requestedDurationMinutes");
        assertThat(errors(withDuration(0))).extracting(FieldError::field).contains("requestedDurationMinutes");
    }

    @Test
    void modeAndToolsMustFit() {
        DebugRequestDraft d = Drafts.interactive();
        DebugRequestDraft pprofModeWithDlv = new DebugRequestDraft(d.targetService(), d.targetInstance(), Set.of("dlv"), List.of(), "pprof",
                d.reason(), d.ticket(), d.changeScope(), d.rollbackSteps(), d.expectedImpact(), 0, d.monitoringChecks(), 10);
        assertThat(errors(pprofModeWithDlv)).extracting(FieldError::message)
                .containsExactly("is 'pprof', which allows only the pprof tool; remove dlv/dap from tools or choose mode snapshot or interactive");
        DebugRequestDraft snapshotWithoutDebugger = new DebugRequestDraft(d.targetService(), d.targetInstance(), Set.of("pprof"),
                List.of("heap"), "snapshot", d.reason(), d.ticket(), d.changeScope(), d.rollbackSteps(), d.expectedImpact(), 0,
                d.monitoringChecks(), 10);
        assertThat(errors(snapshotWithoutDebugger)).extracting(FieldError::field).containsExactly("mode");
        DebugRequestDraft pprofWithoutProfiles = new DebugRequestDraft(d.targetService(), d.targetInstance(), Set.of("pprof"),
                List.of(), "pprof", d.reason(), d.ticket(), d.changeScope(), d.rollbackSteps(), d.expectedImpact(), 0,
                d.monitoringChecks(), 10);
        assertThat(errors(pprofWithoutProfiles)).extracting(FieldError::field).containsExactly("pprofProfiles");
    }

    @Test
    void aMissingDraftIsAClearError() {
        assertThat(errors(null)).extracting(FieldError::field).containsExactly("draft");
    }

    @Test
    void theExceptionMessageNamesEveryField() {
        RequestValidationException e = catchThrowableOfType(RequestValidationException.class, () -> validator.validate(withDuration(999)));
        assertThat(e.getMessage()).startsWith("debug request is invalid: requestedDurationMinutes: is 999");
    }

    @Test
    void theModesLimitFromThePolicyRefusesALongerSessionAndShortensTheDefault() {
        List<String> asked = new ArrayList<>();
        DraftValidator withPolicy = new DraftValidator(new DraftLimits(Duration.ofHours(2), Duration.ofHours(1)),
                (mode, service, instance) -> {
                    asked.add(mode + " " + service + "/" + instance);
                    return Optional.of(new SessionDurationLimits.Limit(Duration.ofMinutes(30),
                            "mode '" + mode + "' allows at most 30m on " + service + "/" + instance));
                });
        DebugRequestDraft tooLong = withDuration(45);

        assertThat(catchThrowableOfType(RequestValidationException.class, () -> withPolicy.validate(tooLong)).errors())
                .extracting(FieldError::toString).containsExactly("requestedDurationMinutes: is 45 minutes; mode 'interactive'"
                        + " allows at most 30m on " + tooLong.targetService() + "/" + tooLong.targetInstance()
                        + ": request at most 30 minutes, or another mode");
        assertThat(withPolicy.validate(withDuration(30)).requestedDurationMinutes()).isEqualTo(30);
        DebugRequestDraft d = withDuration(30);
        DebugRequestDraft blank = new DebugRequestDraft(d.targetService(), d.targetInstance(), d.tools(), d.pprofProfiles(), d.mode(),
                d.reason(), d.ticket(), d.changeScope(), d.rollbackSteps(), d.expectedImpact(), 0, d.monitoringChecks(), null);
        assertThat(withPolicy.validate(blank).requestedDurationMinutes()).as("the default, cut to the mode's limit").isEqualTo(30);
        assertThat(asked).containsOnly("interactive " + d.targetService() + "/" + d.targetInstance());
    }

    @Test
    void aMalformedDraftIsNotLookedUpInThePolicy() {
        DraftValidator withPolicy = new DraftValidator(new DraftLimits(Duration.ofHours(2), Duration.ofHours(1)),
                (mode, service, instance) -> {
                    throw new AssertionError("looked up " + mode + " " + service + "/" + instance);
                });
        DebugRequestDraft d = Drafts.interactive();
        assertThat(catchThrowableOfType(RequestValidationException.class, () -> withPolicy.validate(new DebugRequestDraft(
                "Bad Service", d.targetInstance(), d.tools(), d.pprofProfiles(), d.mode(), d.reason(), d.ticket(), d.changeScope(),
                d.rollbackSteps(), d.expectedImpact(), 0, d.monitoringChecks(), 10))).errors())
                .extracting(FieldError::field).containsExactly("targetService");
    }

    private List<FieldError> errors(DebugRequestDraft draft) {
        return catchThrowableOfType(RequestValidationException.class, () -> validator.validate(draft)).errors();
    }

    private static DebugRequestDraft withDuration(int minutes) {
        DebugRequestDraft d = Drafts.interactive();
        return new DebugRequestDraft(d.targetService(), d.targetInstance(), d.tools(), d.pprofProfiles(), d.mode(), d.reason(), d.ticket(),
                d.changeScope(), d.rollbackSteps(), d.expectedImpact(), 0, d.monitoringChecks(), minutes);
    }
}
