package io.debuggate.approval;

/**
 * A signature (approve or reject) broke one of the {@link io.debuggate.approval.policy.DualSignaturePolicy}
 * rules; audited as {@code request.signature_denied} before it is thrown. The gateway maps this to 403.
 */
public class SignatureRefusedException extends ActionRefusedException {

    public SignatureRefusedException(String rule, String message) {
        super(rule, message);
    }
}
