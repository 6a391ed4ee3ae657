package io.debuggate.approval.internal;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

/** Bean {@code approvalRequestExpiry}: the service task after the approval-TTL boundary timer. */
public class RequestExpiryDelegate implements JavaDelegate {

    private final GrantLifecycle lifecycle;

    public RequestExpiryDelegate(GrantLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.expireRequest(BusinessKeys.requestId(execution));
    }
}
