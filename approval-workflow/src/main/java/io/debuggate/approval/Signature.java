package io.debuggate.approval;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One signer's decision, bound to the content hash they saw. An edit of the request voids it.
 *
 * @param role which of the two tasks was signed
 * @param signer who signed (from the token)
 * @param group the group that entitled them, e.g. {@code dev-leads}
 * @param decision approved or rejected
 * @param comment the signer's comment, may be empty
 * @param contentHash the request's content hash at signing time
 * @param signedAt when
 * @param voidedAt when an edit voided it, {@code null} while it counts
 */
public record Signature(
        SignatureRole role,
        String signer,
        String group,
        SignatureDecision decision,
        String comment,
        String contentHash,
        Instant signedAt,
        @Nullable Instant voidedAt) {

    public boolean counts() {
        return voidedAt == null;
    }
}
