package io.debuggate.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PprofPathTest {

    @Test
    void profileNamesAndTheIndexAreForwarded() {
        assertThat(PprofPath.profileOf("/debug/pprof/heap")).contains("heap");
        assertThat(PprofPath.profileOf("/debug/pprof/")).contains("");
        assertThat(PprofPath.profileOf("/debug/pprof/my_custom.profile-1")).contains("my_custom.profile-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/debug/pprof", "/debug/pprof/..", "/debug/pprof/a..b", "/debug/pprof/%2e%2e", "/debug/pprof/heap/x",
            "/debug/pprof/.hidden", "/api/whoami", "/debug/pprof/heap%00", "/debug/pprof/heap;x"})
    void everythingElseIsNot(String path) {
        assertThat(PprofPath.profileOf(path)).isEmpty();
    }

    @Test
    void onlyPlainQueryCharactersPass() {
        assertThat(PprofPath.isPlainQuery("seconds=5&debug=1")).isTrue();
        assertThat(PprofPath.isPlainQuery("x=%2F")).isTrue();
        assertThat(PprofPath.isPlainQuery("a=b c")).isFalse();
        assertThat(PprofPath.isPlainQuery("a=<script>")).isFalse();
    }
}
