package io.debuggate.approval;

import org.jspecify.annotations.Nullable;

/**
 * The details of an approve or reject call.
 *
 * @param comment free text for the record (may be empty)
 * @param role which task to sign; {@code null} picks the only task the caller may sign (for a
 *     member of both groups, the dev-lead task first)
 * @param reviewedContentHash the content hash the signer looked at; when given, a signature on a
 *     request edited since then is refused, so nobody signs content they did not see
 */
public record SignOff(String comment, @Nullable SignatureRole role, @Nullable String reviewedContentHash) {

    public SignOff {
        comment = comment == null ? "" : comment.strip();
        if (comment.length() > 2000) {
            throw new RequestValidationException(java.util.List.of(new FieldError("comment",
                    "is " + comment.length() + " characters long; shorten it to at most 2000")));
        }
    }

    public static SignOff withComment(String comment) {
        return new SignOff(comment, null, null);
    }
}
