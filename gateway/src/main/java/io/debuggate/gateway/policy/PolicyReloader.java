package io.debuggate.gateway.policy;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.audit.AuditUnavailableException;
import io.debuggate.policies.LoadedPolicy;
import io.debuggate.policies.PolicyDiff;
import io.debuggate.policies.PolicyLoadException;
import io.debuggate.policies.PolicyLoader;
import io.debuggate.policies.masking.MaskingEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the configured policy file and makes it the policy in force, or refuses it and keeps
 * the old one. Every outcome is in the audit trail with who asked; a change carries the diff and
 * both file digests, and is recorded before it takes effect (an unrecordable change is not made).
 *
 * <p>Masking rules apply to the next message too ({@link ActiveMasking}). Health thresholds are
 * read once at start-up (the breakers are built from them), so a file that changes them is refused
 * whole rather than applied in part: what the admin page shows is always what is enforced.
 */
public final class PolicyReloader {

    /** Sections only a restart applies: the breakers are built from them. */
    static final List<String> RESTART_ONLY = List.of("health");

    private static final Logger log = LoggerFactory.getLogger(PolicyReloader.class);

    /** What a reload did. */
    public record Outcome(boolean changed, String source, String oldSha256, String newSha256, List<String> diff) {
    }

    private final ActivePolicy active;
    private final ActiveMasking masking;
    private final @Nullable Path file;
    private final AuditTrail audit;
    private final Clock clock;

    PolicyReloader(ActivePolicy active, ActiveMasking masking, @Nullable Path file, AuditTrail audit, Clock clock) {
        this.active = active;
        this.masking = masking;
        this.file = file;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Reloads the file on behalf of {@code actor}.
     *
     * @throws PolicyLoadException the file is malformed or invalid (file, line, reason); the old policy stays
     * @throws PolicyReloadRefusedException no file is configured, or the file changes a restart-only section
     * @throws AuditUnavailableException the change could not be recorded, so it was not made
     */
    public synchronized Outcome reload(String actor) {
        ActivePolicy.Version old = active.version();
        if (file == null) {
            throw refuse(actor, old, null, "no policy file is configured (the shipped default is in force); set "
                    + "debuggate.policy.file to a copy of the default and restart once, then reloads read that file");
        }
        LoadedPolicy next;
        try {
            next = PolicyLoader.read(file);
        } catch (PolicyLoadException e) {
            audit.record(AuditRecord.of(AuditActions.POLICY_RELOAD_REFUSED, AuditOutcome.FAILURE, actor)
                    .reason(e.getMessage()).detail("source", e.source()).detail("line", e.line())
                    .detail("oldSha256", old.sha256()).build());
            log.warn("event=policy_reload_refused actor={} source={} line={} reason=\"{}\"", actor, e.source(), e.line(),
                    e.reason());
            throw e;
        }
        PolicyDiff diff = PolicyDiff.between(old.policy(), next.policy());
        List<String> restartOnly = RESTART_ONLY.stream().filter(diff::touches).toList();
        if (!restartOnly.isEmpty()) {
            throw refuse(actor, old, next, "the file changes " + String.join(" and ", restartOnly)
                    + ", which take effect only at a restart; restart the gateway to apply the file, or undo those "
                    + "changes to reload the rest now (" + String.join("; ", diff.changes().stream()
                    .filter(c -> restartOnly.stream().anyMatch(s -> c.path().startsWith(s + "."))).map(Object::toString).toList())
                    + ")");
        }
        if (diff.isEmpty() && next.sha256().equals(old.sha256())) {
            return new Outcome(false, next.policy().source(), old.sha256(), next.sha256(), List.of());
        }
        MaskingEngine nextMasking = diff.touches("masking") ? masking.prepare(next.policy().masking()) : null;
        audit.record(AuditRecord.of(AuditActions.POLICY_CHANGED, AuditOutcome.SUCCESS, actor)
                .reason(diff.isEmpty() ? "file changed, settings unchanged" : diff.changes().size() + " settings changed")
                .detail("source", next.policy().source())
                .detail("oldSha256", old.sha256()).detail("newSha256", next.sha256())
                .detail("diff", diff.lines()).build());
        if (nextMasking != null) {
            masking.replace(nextMasking);
        }
        active.replace(new ActivePolicy.Version(next, clock.instant(), actor));
        log.info("event=policy_changed actor={} source={} old_sha256={} new_sha256={} changes={}", actor,
                next.policy().source(), old.sha256(), next.sha256(), diff.changes().size());
        return new Outcome(true, next.policy().source(), old.sha256(), next.sha256(), diff.lines());
    }

    /** The configured file, or null when the shipped default is in force. */
    @Nullable Path file() {
        return file;
    }

    private PolicyReloadRefusedException refuse(String actor, ActivePolicy.Version old, @Nullable LoadedPolicy next,
                                                String why) {
        audit.record(AuditRecord.of(AuditActions.POLICY_RELOAD_REFUSED, AuditOutcome.DENIED, actor).reason(why)
                .detail("oldSha256", old.sha256()).detail("newSha256", next == null ? null : next.sha256()).build());
        log.warn("event=policy_reload_refused actor={} reason=\"{}\"", actor, why);
        return new PolicyReloadRefusedException(why);
    }
}
