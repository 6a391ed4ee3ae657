package io.debuggate.cli.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Unsigned JWT-shaped strings for tests of claim reading (the CLI never verifies tokens). */
public final class Jwts {

    private Jwts() {
    }

    public static String token(String sub, long exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + sub + "\",\"exp\":" + exp + ",\"groups\":[\"engineers\"]}").getBytes(StandardCharsets.UTF_8))
                + ".sig";
    }
}
