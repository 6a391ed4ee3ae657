package io.debuggate.gateway.tunnel;

import io.debuggate.audit.AuditHealth;
import io.debuggate.audit.DurableAuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Cuts every live session once the audit trail fails closed (spool unwritable, or Elasticsearch
 * unreachable longer than the policy allows): a session must not go on unrecorded. A failed write
 * already cuts the session that attempted it; this catches sessions that are idle at that moment.
 */
class AuditFailClosedWatch {

    private static final Logger log = LoggerFactory.getLogger(AuditFailClosedWatch.class);

    private final DurableAuditTrail trail;
    private final LiveSessions sessions;

    AuditFailClosedWatch(DurableAuditTrail trail, LiveSessions sessions) {
        this.trail = trail;
        this.sessions = sessions;
    }

    @Scheduled(fixedDelayString = "${debuggate.tunnel.expiry-check:1s}")
    void check() {
        AuditHealth health = trail.health();
        if (health.failClosed()) {
            int cut = sessions.cutAll("system", "session cut: the audit trail fails closed (" + health.lastError() + ")");
            if (cut > 0) {
                log.error("audit trail failed closed; cut sessions={} lastError=\"{}\"", cut, health.lastError());
            }
        }
    }
}
