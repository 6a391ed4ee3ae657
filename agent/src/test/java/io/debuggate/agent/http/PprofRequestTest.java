package io.debuggate.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PprofRequestTest {

    private static final URI BASE = URI.create("http://127.0.0.1:6060");
    private static final Duration MAX = Duration.ofSeconds(120);

    @Test
    void plainProfilesMapUnderDebugPprof() {
        assertThat(PprofRequest.parse("heap", null, MAX).upstream(BASE)).hasToString("http://127.0.0.1:6060/debug/pprof/heap");
        assertThat(PprofRequest.parse("", null, MAX).upstream(BASE)).hasToString("http://127.0.0.1:6060/debug/pprof/");
        assertThat(PprofRequest.parse("goroutine", "debug=1", MAX).upstream(BASE))
                .hasToString("http://127.0.0.1:6060/debug/pprof/goroutine?debug=1");
        assertThat(PprofRequest.parse("symbol", "0x4a1b2c+0x4a1b30", MAX).upstream(BASE))
                .hasToString("http://127.0.0.1:6060/debug/pprof/symbol?0x4a1b2c+0x4a1b30");
        assertThat(PprofRequest.parse("github.com/acme/pool", null, MAX).profile()).isEqualTo("github.com/acme/pool");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../admin", "heap/../../admin", "./heap", "heap/", "/heap", "%2e%2e", "heap%2F..",
            "he ap", "heap\\..", ".hidden", "a//b"})
    void pathsThatCouldLeaveDebugPprofAreRefused(String path) {
        assertThatThrownBy(() -> PprofRequest.parse(path, null, MAX))
                .hasMessageContaining("profile path \"" + path + "\" refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"debug=1%0d%0aHost:evil", "debug=1#x", "a=<script>", "x=\"y\"", "debug=1;gc=1"})
    void oddQueriesAreRefused(String query) {
        assertThatThrownBy(() -> PprofRequest.parse("heap", query, MAX)).hasMessageContaining("query \"" + query + "\" refused");
    }

    @Test
    void timeoutsGrowWithTheAskedDurationAndHaveALimit() {
        assertThat(PprofRequest.parse("heap", null, MAX).timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(PprofRequest.parse("profile", "seconds=90", MAX).timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(PprofRequest.parse("trace", "seconds=0.5", MAX).timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> PprofRequest.parse("profile", "seconds=121", MAX))
                .hasMessageContaining("seconds=121 exceeds the agent's limit of 120 s");
        assertThatThrownBy(() -> PprofRequest.parse("profile", "debug=0&seconds=NaN", MAX))
                .hasMessageContaining("seconds=NaN exceeds");
    }
}
