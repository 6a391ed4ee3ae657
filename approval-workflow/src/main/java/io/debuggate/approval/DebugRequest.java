package io.debuggate.approval;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A submitted request as it stands now.
 *
 * @param id stable id, e.g. {@code dr-5f2c0a9e41b7d3c8}
 * @param requester who asked (from the token)
 * @param draft the normalized draft
 * @param contentHash SHA-256 (hex) over the canonical form of {@code draft}; signatures cover it
 * @param state lifecycle state
 * @param createdAt when it was submitted
 * @param approvalDeadline when it expires unless both signatures are in
 * @param signatures every signature, including voided ones (see {@link Signature#counts()})
 * @param grant the grant window once granted, else {@code null}
 */
public record DebugRequest(
        String id,
        String requester,
        DebugRequestDraft draft,
        String contentHash,
        RequestState state,
        Instant createdAt,
        Instant approvalDeadline,
        List<Signature> signatures,
        @Nullable GrantWindow grant) {

    public DebugRequest {
        signatures = List.copyOf(signatures);
    }

    /** Signatures not voided by an edit. */
    public List<Signature> validSignatures() {
        return signatures.stream().filter(Signature::counts).toList();
    }
}
