package io.debuggate.cli.testing;

import io.debuggate.cli.CliContext;
import io.debuggate.cli.Dgate;
import io.debuggate.cli.auth.Sleeper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code dgate} in-process with its own environment, config directory, stdin and clock. */
public final class CliRun {

    public record Result(int exitCode, String out, String err) {
    }

    private final Path configDir;
    private final Map<String, String> env = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private String stdin = "";
    private Sleeper sleeper = d -> { };

    public CliRun(Path configDir) {
        this.configDir = configDir;
        env.put(CliContext.ENV_CONFIG_DIR, configDir.toString());
    }

    public CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    public CliRun clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public CliRun sleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
        return this;
    }

    public CliContext context(StringWriter out, StringWriter err) {
        return new CliContext(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), clock, configDir.getParent());
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dgate.run(context(out, err), sleeper, args);
        return new Result(code, out.toString(), err.toString());
    }
}
