package io.debuggate.agent.demo;

import io.debuggate.agent.ConfigChecks;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to run the test bed, checked at once: the messages quote the bad value and name the fix.
 *
 * @param addr         {@code -addr}, the public listener, {@code HOST:PORT} (port 0 = any free port)
 * @param pprofAddr    {@code -pprof-addr}, loopback only (pprof hands out memory contents)
 * @param apiKey       {@code -api-key}, a fake secret that shows up in {@code /debug/pprof/cmdline}
 *                     and in the {@code main.apiKey} global: the demo of what masking must hide
 * @param readyTimeout how long to wait for the JSON ready line
 */
public record GoTestBedOptions(String addr, String pprofAddr, String apiKey, Duration readyTimeout) {

    /** Looks like a live payment key on purpose, so masking has something real to catch. */
    public static final String DEMO_API_KEY = "sk_live_testbed_4f9a1c2e7b5d";
    public static final String FREE_LOOPBACK_PORT = "127.0.0.1:0";
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(30);

    public GoTestBedOptions {
        checkHostPort("test bed address (-addr)", addr, false);
        checkHostPort("test bed pprof address (-pprof-addr)", pprofAddr, true);
        if (apiKey == null || apiKey.isBlank() || !apiKey.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("test bed API key \"" + apiKey + "\" must be printable ASCII without"
                    + " spaces, e.g. " + DEMO_API_KEY);
        }
        ConfigChecks.requirePositive("test bed ready timeout", readyTimeout);
    }

    /** Both listeners on free loopback ports, the demo API key, the default ready timeout. */
    public static GoTestBedOptions onFreePorts() {
        return new GoTestBedOptions(FREE_LOOPBACK_PORT, FREE_LOOPBACK_PORT, DEMO_API_KEY, DEFAULT_READY_TIMEOUT);
    }

    /** {@code 127.0.0.1:port} for both listeners (0 = any free port). */
    public static GoTestBedOptions onLoopbackPorts(int port, int pprofPort) {
        return new GoTestBedOptions("127.0.0.1:" + port, "127.0.0.1:" + pprofPort, DEMO_API_KEY, DEFAULT_READY_TIMEOUT);
    }

    private static void checkHostPort(String what, @Nullable String value, boolean loopbackOnly) {
        String fix = ": give HOST:PORT, e.g. " + FREE_LOOPBACK_PORT + " (port 0 = any free port)";
        URI uri;
        try {
            uri = value == null ? null : new URI("http://" + value);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getPort() < 0 || uri.getRawPath() == null
                || !uri.getRawPath().isEmpty() || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException(what + " \"" + value + "\" is not HOST:PORT" + fix);
        }
        ConfigChecks.requirePort(what + " port", uri.getPort());
        if (loopbackOnly) {
            try {
                if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                    throw new IllegalArgumentException(what + " \"" + value + "\" is not on loopback: pprof hands out"
                            + " memory contents, bind it to 127.0.0.1, e.g. " + FREE_LOOPBACK_PORT);
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(what + " \"" + value + "\" has an unknown host" + fix, e);
            }
        }
    }
}
