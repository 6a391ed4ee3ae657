package io.debuggate.approval.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Unguessable ids: a request id appears in URLs and tunnel handshakes, so it must not be enumerable. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String requestId() {
        return "dr-" + random();
    }

    static String signatureId() {
        return "sg-" + random();
    }

    private static String random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
