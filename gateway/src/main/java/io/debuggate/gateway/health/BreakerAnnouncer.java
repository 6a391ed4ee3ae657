package io.debuggate.gateway.health;

import io.debuggate.audit.AuditActions;
import io.debuggate.audit.AuditOutcome;
import io.debuggate.audit.AuditRecord;
import io.debuggate.audit.AuditTrail;
import io.debuggate.gateway.alerting.Alert;
import io.debuggate.gateway.alerting.AlertSender;
import io.debuggate.policies.Durations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Tells the rest of the product about a breaker change, in the order that keeps the target safe:
 * first the Spring event (the session registry cuts sessions on it, synchronously), then the audit
 * trail with the samples, then the alert (asynchronous). A failing audit write does not undo a cut:
 * cutting is already the safe side; it is logged as an error.
 */
public final class BreakerAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(BreakerAnnouncer.class);
    private static final String SYSTEM_USER = "system";

    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final AlertSender alerts;
    private final HealthBreakers breakers;

    public BreakerAnnouncer(ApplicationEventPublisher events, AuditTrail audit, AlertSender alerts, HealthBreakers breakers) {
        this.events = events;
        this.audit = audit;
        this.alerts = alerts;
        this.breakers = breakers;
    }

    public void announce(BreakerChange c) {
        switch (c.to()) {
            case OPEN -> tripped(c);
            case HALF_OPEN, CLOSED -> recovered(c);
        }
    }

    private void tripped(BreakerChange c) {
        events.publishEvent(new TargetBreakerTripped(c.service(), c.instance(), c.signal(), c.samples(), c.at()));
        log.warn("event=health_breaker_opened target={} signal={} from={} earliest_reopen={} reason=\"{}\"", c.target(),
                c.signal(), c.from(), c.earliestReopen(), c.reason());
        record(AuditRecord.of(AuditActions.HEALTH_BREAKER_OPENED, AuditOutcome.FAILURE, SYSTEM_USER).target(c.target())
                .reason(c.reason()).detail("signal", c.signal()).detail("from", c.from().name())
                .detail("earliestReopen", c.earliestReopen() == null ? null : c.earliestReopen().toString())
                .detail("calmPeriod", Durations.format(breakers.calmPeriod()))
                .detail("samples", c.samples().stream().map(BreakerAnnouncer::sampleDetail).toList()).build());
        alerts.send(alert(c));
    }

    private void recovered(BreakerChange c) {
        events.publishEvent(new TargetBreakerRecovered(c.service(), c.instance(), c.signal(), c.to(), c.at()));
        log.info("event=health_breaker_{} target={} signal={} reason=\"{}\"", c.to() == BreakerState.CLOSED ? "closed" : "half_opened",
                c.target(), c.signal(), c.reason());
        record(AuditRecord.of(c.to() == BreakerState.CLOSED ? AuditActions.HEALTH_BREAKER_CLOSED : AuditActions.HEALTH_BREAKER_HALF_OPENED,
                        AuditOutcome.SUCCESS, SYSTEM_USER)
                .target(c.target()).reason(c.reason()).detail("signal", c.signal()).detail("from", c.from().name()).build());
    }

    private void record(AuditRecord record) {
        try {
            audit.record(record);
        } catch (RuntimeException e) {
            log.error("event=health_audit_failed action={} target={} reason=\"{}\"", record.action(), record.target(), e.getMessage());
        }
    }

    private Alert alert(BreakerChange c) {
        String values = c.samples().stream().skip(Math.max(0, c.samples().size() - 5)).map(HealthSample::brief)
                .collect(Collectors.joining(", "));
        String title = "Debug sessions on " + c.target() + " cut: health breaker '" + c.signal() + "' opened";
        String text = c.reason() + "\nEvery debug session on " + c.target() + " was cut; the service keeps running. "
                + "It admits newly approved sessions once " + c.signal() + " has been calm for "
                + Durations.format(breakers.calmPeriod()) + (c.earliestReopen() == null ? "" : " (at the earliest " + c.earliestReopen() + ")")
                + ".\nLast samples: " + values;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("target", c.target());
        fields.put("service", c.service());
        fields.put("instance", c.instance());
        fields.put("signal", c.signal());
        fields.put("from", c.from().name());
        fields.put("reason", c.reason());
        if (c.earliestReopen() != null) {
            fields.put("earliestReopen", c.earliestReopen().toString());
        }
        fields.put("samples", c.samples().stream().map(BreakerAnnouncer::sampleDetail).toList());
        return new Alert(AuditActions.HEALTH_BREAKER_OPENED, "critical", title, text, fields, c.at());
    }

    /** A sample as plain JSON values (no NaN: an unknown value is left out). */
    static Map<String, Object> sampleDetail(HealthSample s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", s.at().toString());
        m.put("status", s.status().name());
        if (!Double.isNaN(s.value())) {
            m.put("value", s.value());
        }
        m.put("limit", s.limit());
        if (s.requests() > 0) {
            m.put("requests", s.requests());
            m.put("errors", s.errors());
        }
        m.put("source", s.source());
        if (s.note() != null) {
            m.put("note", s.note());
        }
        return m;
    }
}
