package io.debuggate.gateway.tunnel;

import io.debuggate.gateway.health.TargetBreakerTripped;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * A health breaker trip cuts every debugger session on that instance at once (safety invariant 7).
 * The event is published on the sampling thread right after the crossing sample, and the cut runs
 * inline, so the latency logged here is the whole path from sample to closed connections.
 */
class BreakerTripCut {

    private static final Logger log = LoggerFactory.getLogger(BreakerTripCut.class);

    private final LiveSessions sessions;

    BreakerTripCut(LiveSessions sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void onTrip(TargetBreakerTripped trip) {
        int cut = sessions.cutTarget(trip.service(), trip.instance(), "system", "health breaker '" + trip.signal()
                + "' tripped on " + trip.service() + "/" + trip.instance()
                + ": the service is suffering, so every debug session on it is cut; it reopens after the calm period,"
                + " with a new approval");
        Duration latency = Duration.between(trip.at(), Instant.now());
        log.info("breaker trip cut sessions target={}/{} signal={} sessionsCut={} tripToCutMillis={}", trip.service(),
                trip.instance(), trip.signal(), cut, latency.toMillis());
    }
}
