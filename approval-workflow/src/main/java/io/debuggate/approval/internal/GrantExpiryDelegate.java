package io.debuggate.approval.internal;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

/** Bean {@code approvalGrantExpiry}: the service task after the grant-end timer. */
public class GrantExpiryDelegate implements JavaDelegate {

    private final GrantLifecycle lifecycle;

    public GrantExpiryDelegate(GrantLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.expireGrant(BusinessKeys.requestId(execution));
    }
}
