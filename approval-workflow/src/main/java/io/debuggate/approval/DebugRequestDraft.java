package io.debuggate.approval;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an engineer asks for, exactly as submitted. Fields stay raw strings so that validation can
 * report every problem at once with a clear message instead of failing on the first unknown enum
 * value; {@link io.debuggate.approval.request.DraftValidator} turns a draft into its normalized form.
 *
 * @param targetService the service name, e.g. {@code checkout}
 * @param targetInstance the instance (pod or host), e.g. {@code checkout-7d9f-x2}
 * @param tools any of {@code dlv}, {@code dap}, {@code pprof}
 * @param pprofProfiles profiles wanted when {@code pprof} is a tool ({@code profile}, {@code heap}, ...)
 * @param mode {@code pprof}, {@code snapshot} or {@code interactive}
 * @param reason why the session is needed
 * @param ticket the incident or change ticket, e.g. {@code INC-4711}
 * @param changeScope what may be touched
 * @param rollbackSteps how to undo the impact
 * @param expectedImpact what users may notice
 * @param expectedImpactMinutes how long that impact may last
 * @param monitoringChecks dashboards or alerts to watch meanwhile
 * @param requestedDurationMinutes how long the grant should last; {@code null} means the configured default
 */
public record DebugRequestDraft(
        @Nullable String targetService,
        @Nullable String targetInstance,
        @Nullable Set<String> tools,
        @Nullable List<String> pprofProfiles,
        @Nullable String mode,
        @Nullable String reason,
        @Nullable String ticket,
        @Nullable String changeScope,
        @Nullable String rollbackSteps,
        @Nullable String expectedImpact,
        @Nullable Integer expectedImpactMinutes,
        @Nullable List<String> monitoringChecks,
        @Nullable Integer requestedDurationMinutes) {
}
