package io.debuggate.approval.support;

import io.debuggate.approval.event.ApprovalEvent;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;

/** Collects every approval event from any thread (timer jobs publish from Flowable's executor). */
public class EventLog {

    private final List<ApprovalEvent> events = new ArrayList<>();

    @EventListener
    public synchronized void on(ApprovalEvent event) {
        events.add(event);
    }

    public synchronized List<ApprovalEvent> forRequest(String requestId) {
        return events.stream().filter(e -> e.requestId().equals(requestId)).toList();
    }

    public synchronized <T extends ApprovalEvent> List<T> ofType(String requestId, Class<T> type) {
        return events.stream().filter(e -> e.requestId().equals(requestId)).filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized List<ApprovalEvent> forRequestsOf(String requester) {
        return events.stream().filter(e -> e.requester().equals(requester)).toList();
    }

    public synchronized void reset() {
        events.clear();
    }
}
