package io.debuggate.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a command reads from the outside world, so tests run commands with their own
 * environment, streams and clock instead of the process's.
 *
 * @param env environment variables ({@code DGATE_GATEWAY}, {@code DGATE_CONFIG_DIR}, {@code DGATE_PASSWORD})
 * @param in standard input (for {@code --password-stdin})
 * @param out where results go
 * @param err where progress and errors go
 * @param clock the time source for token expiry
 * @param userHome the default parent of the configuration directory
 */
public record CliContext(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err,
                         Clock clock, Path userHome) {

    public static final String ENV_GATEWAY = "DGATE_GATEWAY";
    public static final String ENV_CONFIG_DIR = "DGATE_CONFIG_DIR";
    public static final String ENV_PASSWORD = "DGATE_PASSWORD";

    public CliContext {
        env = Map.copyOf(env);
    }

    public static CliContext system() {
        return new CliContext(System.getenv(), System.in,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), Path.of(System.getProperty("user.home")));
    }

    public @Nullable String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** {@code $DGATE_CONFIG_DIR}, else {@code ~/.config/dgate}. */
    public Path configDir() {
        String configured = env(ENV_CONFIG_DIR);
        return configured != null ? Path.of(configured) : userHome.resolve(".config").resolve("dgate");
    }
}
