package io.debuggate.policies.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text pprof serves must pass untouched, except what really is customer data. */
class GoroutineDumpTest {

    static final MaskingEngine ENGINE = MaskingEngineTest.ENGINE;

    /** Shape of {@code /debug/pprof/goroutine?debug=2} from Go 1.19 (debug-protocols.md §6.2). */
    static final String DEBUG2 = """
            goroutine 1 [running]:
            runtime/pprof.writeGoroutineStacks({0x9d45c0, 0xc0001a6000})
            \t/usr/lib/go-1.19/src/runtime/pprof/pprof.go:692 +0x70
            runtime/pprof.writeGoroutine({0x9d45c0?, 0xc0001a6000?}, 0xc00004df98?)
            \t/usr/lib/go-1.19/src/runtime/pprof/pprof.go:681 +0x2b
            net/http/pprof.handler.ServeHTTP({0xc000116131, 0x9}, {0x9d6e98, 0xc0001a6000}, 0xc000132000)
            \t/usr/lib/go-1.19/src/net/http/pprof/pprof.go:253 +0x4a5
            net/http.(*ServeMux).ServeHTTP(0xc000116131?, {0x9d6e98, 0xc0001a6000}, 0xc000132000)
            \t/usr/lib/go-1.19/src/net/http/server.go:2487 +0x149
            created by net/http.(*Server).Serve
            \t/usr/lib/go-1.19/src/net/http/server.go:3102 +0x4db

            goroutine 19 [chan receive, 1700000000123 minutes]:
            main.handle(0xc00004df98, {0x841acb, 0x15}, 0x13812345678, 0x4111111111111111)
            \t/src/app/main.go:24 +0x1a5
            main.worker(0x0?)
            \t/src/app/main.go:44 +0x3c
            created by main.main in goroutine 1
            \t/src/app/main.go:40 +0x6e

            goroutine 33 [IO wait, 20231105123456789012 minutes]:
            internal/poll.runtime_pollWait(0x7f3a4c1b2e58, 0x72)
            \t/usr/lib/go-1.19/src/runtime/netpoll.go:305 +0x89
            """;

    @Test
    void aGoroutineDumpWithoutCustomerDataPassesUnchanged() {
        assertThat(ENGINE.explain(DEBUG2)).isEmpty();
        assertThat(ENGINE.mask(DEBUG2)).isSameAs(DEBUG2);
    }

    @Test
    void labelsInADebug1DumpAreMasked() {
        String debug1 = """
                1 @ 0x43a1b6 0x4065f3 0x7cd72f 0x46a7c1
                # labels: {"user":"alice@example.com", "phone":"13812345678"}
                #\t0x7cd72e\tmain.handle+0x1a5\t/src/app/main.go:24
                """;
        String masked = ENGINE.mask(debug1);
        assertThat(masked).doesNotContain("alice@example.com", "13812345678")
                .contains("1 @ 0x43a1b6 0x4065f3 0x7cd72f 0x46a7c1", "#\t0x7cd72e\tmain.handle+0x1a5\t/src/app/main.go:24");
    }
}
