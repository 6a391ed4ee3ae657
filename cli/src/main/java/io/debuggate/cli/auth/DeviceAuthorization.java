package io.debuggate.cli.auth;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The device authorization endpoint's answer (RFC 8628 §3.2): what the user must open and type,
 * and how the CLI must poll.
 */
public record DeviceAuthorization(String deviceCode, String userCode, URI verificationUri,
                                  @Nullable URI verificationUriComplete, Duration expiresIn, Duration interval) {

    /** RFC 8628 §3.2: "If no value is provided, clients MUST use 5 as the default." */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    @Override
    public String toString() {
        return "DeviceAuthorization[userCode=" + userCode + ", verificationUri=" + verificationUri + ", deviceCode=<redacted>]";
    }
}
