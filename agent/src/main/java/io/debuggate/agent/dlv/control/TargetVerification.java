package io.debuggate.agent.dlv.control;

import io.debuggate.agent.target.PidSource;
import io.debuggate.agent.target.ProcStatus;
import io.debuggate.agent.target.TargetUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks from outside dlv that a teardown left the target serving, on the target's host: its
 * {@code /proc/<pid>/status} is not stopped ({@code t}/{@code T}), nobody traces it ({@code
 * TracerPid: 0}), the pid is still the service's (it did not die and restart), and — when a
 * health URL is given — it answers 2xx within {@link #HEALTH_TIMEOUT}. dlv's own report is not
 * proof: a target halted by a leftover breakpoint looks the same to dlv as a running one.
 */
public final class TargetVerification {

    public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(50);

    private final HttpClient http;

    public TargetVerification() {
        this(HttpClient.newBuilder().connectTimeout(HEALTH_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build());
    }

    public TargetVerification(HttpClient http) {
        this.http = http;
    }

    /**
     * The outcome of one check.
     *
     * @param pid      the process checked
     * @param running  it exists, is the service's current pid, and is not in a stopped state
     * @param traced   some process traces it ({@code TracerPid} not 0)
     * @param healthOk the health URL answered 2xx within {@link #HEALTH_TIMEOUT}; true when no URL was given
     * @param detail   what was seen, for logs and the audit trail
     */
    public record Verified(long pid, boolean running, boolean traced, boolean healthOk, String detail) {

        /** Running, untraced and healthy: the teardown did no harm. */
        public boolean ok() {
            return running && !traced && healthOk;
        }
    }

    /**
     * @param pid       the target's pid before the teardown
     * @param dlvPid    the dlv that was attached (0 if unknown), to name it when it still traces the target
     * @param healthUrl e.g. {@code http://127.0.0.1:8090/healthz}; null to skip the HTTP check
     */
    public Verified verify(long pid, long dlvPid, @Nullable URI healthUrl) {
        return verify(pid, dlvPid, healthUrl, null);
    }

    /** As {@link #verify(long, long, URI)}, and the pid source must still name {@code pid} (no restart). */
    public Verified verify(long pid, long dlvPid, @Nullable URI healthUrl, @Nullable PidSource pidSource) {
        List<String> detail = new ArrayList<>();
        Optional<ProcStatus> status = ProcStatus.read(pid);
        boolean running = false;
        boolean traced = false;
        if (status.isEmpty()) {
            detail.add("pid " + pid + " is gone (the service died or restarted)");
        } else {
            ProcStatus s = status.get();
            running = !s.stopped();
            detail.add("state=\"" + s.state() + "\"");
            traced = s.traced();
            if (traced) {
                long tracer = s.tracerProcessId();
                detail.add("traced by pid " + tracer + (dlvPid != 0 && tracer == dlvPid ? " (our dlv, still attached)" : ""));
            } else {
                detail.add("not traced");
            }
        }
        if (pidSource != null) {
            try {
                long current = pidSource.resolve();
                if (current != pid) {
                    running = false;
                    detail.add("pid changed from " + pid + " to " + current + " (" + pidSource + "): the service restarted");
                }
            } catch (TargetUnavailableException e) {
                running = false;
                detail.add("pid source: " + e.getMessage());
            }
        }
        boolean healthOk = true;
        if (healthUrl != null) {
            healthOk = healthAnswers(healthUrl, detail);
        }
        return new Verified(pid, running, traced, healthOk, String.join("; ", detail));
    }

    /**
     * Repeats {@link #verify(long, long, URI, PidSource)} until it is {@link Verified#ok()} or
     * {@code within} has passed; returns the last result. After a Detach the kernel needs a
     * moment to drop the tracer.
     */
    public Verified awaitOk(long pid, long dlvPid, @Nullable URI healthUrl, @Nullable PidSource pidSource, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Verified verified = verify(pid, dlvPid, healthUrl, pidSource);
            if (verified.ok() || System.nanoTime() > deadline) {
                return verified;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return verified;
            }
        }
    }

    private boolean healthAnswers(URI healthUrl, List<String> detail) {
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(healthUrl).timeout(HEALTH_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            long millis = (System.nanoTime() - started) / 1_000_000;
            detail.add("health " + response.statusCode() + " in " + millis + " ms");
            return response.statusCode() / 100 == 2;
        } catch (IOException e) {
            detail.add("health " + healthUrl + " did not answer within " + HEALTH_TIMEOUT + ": " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            detail.add("interrupted while checking health");
            return false;
        }
    }
}
