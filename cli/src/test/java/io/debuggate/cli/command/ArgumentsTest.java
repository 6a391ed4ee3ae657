package io.debuggate.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.debuggate.cli.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad command lines: exit 2, one line naming the problem, nothing sent anywhere. */
class ArgumentsTest {

    @TempDir
    Path home;

    CliRun.Result run(String... args) {
        // Port 9 (discard) on loopback: nothing listens, so anything that leaks past validation fails differently.
        return new CliRun(home.resolve("dgate")).env("DGATE_GATEWAY", "http://127.0.0.1:9").run(args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "request --target payment-svc --tool pprof --mode pprof --reason x | --target 'payment-svc' must be SERVICE/INSTANCE",
            "request --target Payment/Demo --tool pprof --mode pprof --reason x | must be SERVICE/INSTANCE in lower case",
            "request --target a/b --tool pprof --mode pprof | Missing required option: '--reason=<reason>'",
            "request --target a/b --mode pprof --reason x | Missing required option: '--tool",
            "request --target a/b --tool pprof --mode pprof --reason x --duration 0 | --duration 0 must be at least 1 minute",
            "request --target a/b --tool pprof --mode pprof --reason x --impact-minutes -3 | --impact-minutes -3 is negative",
            "request --target a/b --tool pprof --mode pprof --reason x --duration soon | Invalid value for option '--duration'",
            "request --target a/b --tool , --mode pprof --reason x | --tool is empty",
            "requests --pending --all | mutually exclusive",
            "reject dr-1 | Missing required option: '--comment=<comment>'",
            "revoke dr-1 | Missing required option: '--reason=<reason>'",
            "whoami --output yaml | Invalid value for option '--output'",
            "connect dr-1 --pprof-port 70000 | --pprof-port 70000 is not a TCP port",
            "login --password-stdin | --password-stdin needs --user",
            "login --user alice | --user alice needs a password: pipe it with --password-stdin or set DGATE_PASSWORD",
            "login --user alice --issuer http://idp | --user logs in through the gateway's embedded issuer only",
            "frobnicate | Unmatched argument at index 0: 'frobnicate'",
    })
    void badUsageExitsTwoWithTheProblem(String args, String message) {
        CliRun.Result result = run(args.split(" "));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message).contains("--help' for usage.");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void noCommandAtAllSaysWhatToTry() {
        CliRun.Result result = run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("missing command: try dgate login");
    }

    @Test
    void emptyStdinForThePasswordIsAUsageError() {
        CliRun.Result result = new CliRun(home).env("DGATE_GATEWAY", "http://127.0.0.1:9").stdin("")
                .run("login", "--user", "alice", "--password-stdin");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--password-stdin read nothing");
    }

    @Test
    void aRequestIdThatCouldEscapeTheUrlPathIsRefused() {
        CliRun.Result result = run("show", "../admin");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("request id '../admin' is not valid");
    }

    @Test
    void helpAndVersionSucceed() {
        assertThat(run("--help").out()).contains("connect").contains("Exit status");
        assertThat(run("--version").out()).contains("dgate 0.1.0");
        assertThat(run("request", "--help").out()).contains("--impact-minutes").contains("Example:");
    }
}
