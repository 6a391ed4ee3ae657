package io.debuggate.agent.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test bed itself: what other tests rely on it to do. */
class GoTestBedTest {

    private static GoTestBed bed;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        bed = GoTestBed.start();
    }

    @AfterAll
    static void stop() {
        bed.close();
        assertThat(bed.isAlive()).isFalse();
    }

    private static String pprof(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(bed.pprofBaseUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void paysHealthAndCountsRequestsInPrometheusFormat() throws Exception {
        assertThat(bed.get("/healthz").body()).isEqualTo("ok\n");
        double before = bed.metric("http_requests_total{code=\"200\"}");
        HttpResponse<String> pay = bed.get("/pay?customer=2&amount=990");
        assertThat(pay.statusCode()).isEqualTo(200);
        assertThat(pay.body()).contains("\"customer\":2").doesNotContain(TestBedPii.LI_NA.bankCard());
        double notFoundBefore = bed.get("/metrics").body().contains("code=\"404\"") ? bed.metric("http_requests_total{code=\"404\"}") : 0;
        assertThat(bed.get("/pay?customer=9").statusCode()).isEqualTo(404);
        String metrics = bed.get("/metrics").body();
        assertThat(metrics).contains("# TYPE process_cpu_seconds_total counter", "# TYPE http_requests_total counter");
        assertThat(bed.metric("http_requests_total{code=\"404\"}")).isEqualTo(notFoundBefore + 1);
        assertThat(bed.metric("http_requests_total{code=\"200\"}")).isGreaterThanOrEqualTo(before + 2);
        assertThat(bed.metric("process_cpu_seconds_total")).isPositive();
    }

    @Test
    void pprofIsOnlyOnTheLoopbackListenerAndShowsSecretsAndLabels() throws Exception {
        assertThat(bed.get("/debug/pprof/").statusCode()).isEqualTo(404);
        assertThat(bed.pprofBaseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(pprof("/debug/pprof/cmdline")).contains("-api-key=" + TestBedPii.API_KEY);
        assertThat(pprof("/debug/pprof/goroutine?debug=1"))
                .contains("# labels: {\"customer_email\":\"" + TestBedPii.ZHANG_WEI.email() + "\"")
                .contains("main.settle");
    }

    @Test
    void faultSwitchesWork() throws Exception {
        assertThat(bed.get("/admin/errors?rate=1").statusCode()).isEqualTo(200);
        assertThat(bed.get("/pay").statusCode()).isEqualTo(500);
        assertThat(bed.get("/admin/errors?rate=0").statusCode()).isEqualTo(200);
        assertThat(bed.get("/pay").statusCode()).isEqualTo(200);
        assertThat(bed.get("/admin/errors?rate=2").body()).contains("bad rate=\"2\"");

        assertThat(bed.get("/admin/leak?n=40").body()).contains("\"leaked\":40");
        String goroutines = pprof("/debug/pprof/goroutine?debug=1");
        assertThat(goroutines).containsPattern("(?m)^20 @ ").contains("main.leakOnChannel", "main.leakInSelect");
        assertThat(bed.metric("testbed_leaked_goroutines")).isEqualTo(40);
        assertThat(bed.get("/admin/leak?release=1").body()).contains("\"leaked\":0");

        assertThat(bed.get("/admin/contend?on=1").body()).contains("\"contending\":true");
        Thread.sleep(200);
        assertThat(pprof("/debug/pprof/mutex?debug=1")).contains("main.contend");
        assertThat(bed.get("/admin/contend?on=0").body()).contains("\"contending\":false");

        double cpuBefore = bed.metric("process_cpu_seconds_total");
        assertThat(bed.get("/admin/cpu?percent=100&seconds=2").body()).contains("\"cpuPercent\":100");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!bed.get("/admin/state").body().contains("\"cpuPercent\":0") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(bed.get("/admin/state").body()).as("the burner switches itself off").contains("\"cpuPercent\":0");
        // An idle test bed burns ~0.01 s in 2 s; a loaded machine may give the burner well under 2 s.
        assertThat(bed.metric("process_cpu_seconds_total") - cpuBefore).isGreaterThan(0.3);
    }

    @Test
    void theBinaryIsBuiltOncePerJvmInsideTheRepository() {
        assertThat(GoTestBed.binary()).isExecutable().isSameAs(GoTestBed.binary())
                .startsWith(GoTestBed.repositoryRoot().resolve("agent/target/testbed"));
    }
}
