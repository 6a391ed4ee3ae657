package io.debuggate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.agent.protocol.TargetMetrics;
import io.debuggate.agent.testsupport.GoTestBed;
import io.debuggate.agent.testsupport.RunningAgent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/metrics} against the real test bed: its pid and a CPU counter that moves when it burns. */
class TargetMetricsTest {

    @Test
    void reportsTheTestBedsCpuCounterWithoutAnOrder() throws Exception {
        try (GoTestBed bed = GoTestBed.start(); RunningAgent agent = RunningAgent.start(bed)) {
            TargetMetrics first = agent.client().metrics();
            assertThat(first.pid()).isEqualTo(bed.pid());
            assertThat(first.target()).isEqualTo(RunningAgent.TARGET);
            assertThat(first.cpuCores()).isBetween(1, Runtime.getRuntime().availableProcessors());

            bed.get("/admin/cpu?percent=100&seconds=2");
            Thread.sleep(1000);
            TargetMetrics second = agent.client().metrics();
            double perSecond = (second.cpuSecondsTotal() - first.cpuSecondsTotal())
                    / ((second.monotonicNanos() - first.monotonicNanos()) / 1e9);
            assertThat(perSecond).as("CPU seconds per second while burning one core").isGreaterThan(0.3);
            bed.get("/admin/cpu?on=0");

            // Wrong method and path answer with the fix, as the other endpoints do.
            HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    agent.agent().baseUri().resolve("/v1/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.body()).contains("use GET /v1/metrics");
        }
    }
}
