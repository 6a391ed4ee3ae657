package io.debuggate.gateway.auditstore;

import io.debuggate.audit.node.LocalElasticsearchException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A local Elasticsearch node that will not start is an operator problem, not a bug: print its
 * cause and fix as Boot's "APPLICATION FAILED TO START" report instead of a client stack trace.
 */
class LocalElasticsearchFailureAnalyzer extends AbstractFailureAnalyzer<LocalElasticsearchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LocalElasticsearchException cause) {
        return new FailureAnalysis("The local Elasticsearch node for the audit trail did not start: " + cause.getMessage(),
                "Fix the cause above, or point the gateway at another port (--debuggate.audit.http-port=..., "
                        + "--debuggate.audit.transport-port=...) or at an external cluster (--debuggate.audit.embedded=false "
                        + "with debuggate.audit.urls and debuggate.audit.external.*). The product does not run without "
                        + "its audit trail (fail closed).",
                cause);
    }
}
