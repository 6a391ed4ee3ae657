package io.debuggate.approval.internal;

import org.flowable.engine.delegate.DelegateExecution;

/** The process instance's business key is the request id. */
final class BusinessKeys {

    private BusinessKeys() {
    }

    static String requestId(DelegateExecution execution) {
        String key = execution.getProcessInstanceBusinessKey();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("process instance " + execution.getProcessInstanceId() + " has no business key (request id)");
        }
        return key;
    }
}
