package io.debuggate.gateway.tunnel;

import java.nio.charset.StandardCharsets;

/**
 * Why the gateway closed a tunnel. WebSocket close reasons are limited to 123 bytes, so the full
 * explanation travels as a text frame first and the close carries a short form.
 */
record CloseReason(int code, String text) {

    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int INVALID_PAYLOAD = 1007;
    static final int POLICY = 1008;
    static final int TOO_BIG = 1009;
    static final int SERVER_ERROR = 1011;

    String shortText() {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return text;
        }
        String cut = new String(bytes, 0, 120, StandardCharsets.UTF_8);
        // a cut multi-byte character decodes to U+FFFD; drop it
        return cut.replace("\uFFFD", "") + "...";
    }
}
