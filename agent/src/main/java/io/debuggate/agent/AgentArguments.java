package io.debuggate.agent;

import io.debuggate.agent.dlv.DlvSettings;
import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.agent.target.PidSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code --name=value} arguments, falling back to {@code DGATE_*} environment variables
 * (an argument wins). Unknown arguments are errors, never ignored.
 */
final class AgentArguments {

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m)");

    /** Argument name → environment variable. */
    static final Map<String, String> OPTIONS = options();

    static final String USAGE = """
            usage: java -jar debuggate-agent-all.jar --agent-id=ID --target=NAME --pprof-url=http://127.0.0.1:6060
                     (--target-pid=PID | --target-pidfile=PATH) --gateway-public-key=PATH
                     [--listen=127.0.0.1:7070] [--relay-port=7071] [--dlv=/usr/bin/dlv] [--dead-man-timeout=10s]
            every option can also come from its environment variable: """ + OPTIONS;

    private AgentArguments() {
    }

    static AgentConfig parse(List<String> args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        OPTIONS.forEach((name, variable) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                values.put(name, value.strip());
            }
        });
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!arg.startsWith("--") || eq < 0 || !OPTIONS.containsKey(name.substring(2))) {
                throw new IllegalArgumentException("unknown or incomplete argument \"" + arg + "\"\n" + USAGE);
            }
            values.put(name.substring(2), arg.substring(eq + 1));
        }
        AgentConfig.Builder builder = AgentConfig.builder()
                .agentId(require(values, "agent-id"))
                .targetName(require(values, "target"))
                .pprofBase(uri(require(values, "pprof-url")))
                .pidSource(pidSource(values))
                .dlv(DlvSettings.of(Path.of(values.getOrDefault("dlv", "/usr/bin/dlv"))))
                .gatewayPublicKey(Ed25519Keys.readPublicKey(Path.of(require(values, "gateway-public-key"))));
        String listen = values.get("listen");
        if (listen != null) {
            int colon = listen.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--listen=\"" + listen + "\" must be HOST:PORT, e.g. 127.0.0.1:7070");
            }
            builder.listenHost(listen.substring(0, colon)).listenPort(port("listen", listen.substring(colon + 1)));
        }
        String relay = values.get("relay-port");
        if (relay != null) {
            builder.relayPort(port("relay-port", relay));
        }
        String deadMan = values.get("dead-man-timeout");
        if (deadMan != null) {
            builder.deadManTimeout(duration("dead-man-timeout", deadMan));
        }
        return builder.build();
    }

    private static PidSource pidSource(Map<String, String> values) {
        String pid = values.get("target-pid");
        String pidFile = values.get("target-pidfile");
        if ((pid == null) == (pidFile == null)) {
            throw new IllegalArgumentException("give exactly one of --target-pid=PID or --target-pidfile=PATH (got "
                    + (pid == null ? "neither" : "both") + ")");
        }
        if (pidFile != null) {
            return PidSource.file(Path.of(pidFile));
        }
        try {
            return PidSource.fixed(Long.parseLong(pid));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target-pid=\"" + pid + "\" is not a process id", e);
        }
    }

    private static String require(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required (or " + OPTIONS.get(name) + ")\n" + USAGE);
        }
        return value;
    }

    private static int port(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " port \"" + value + "\" is not a number", e);
        }
    }

    /** {@code 10s}, {@code 1500ms}, {@code 2m}, or ISO-8601 such as {@code PT10S}. */
    static Duration duration(String name, String value) {
        Matcher m = DURATION.matcher(value.strip());
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    default -> Duration.ofMinutes(amount);
                };
            }
            return Duration.parse(value.strip());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + "=\"" + value + "\" is not a duration: write e.g. 10s, 1500ms or 2m", e);
        }
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--pprof-url=\"" + value + "\" is not a URL: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        for (String name : List.of("agent-id", "listen", "relay-port", "target", "pprof-url", "target-pid",
                "target-pidfile", "dlv", "gateway-public-key", "dead-man-timeout")) {
            options.put(name, "DGATE_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
        return java.util.Collections.unmodifiableMap(options);
    }
}
