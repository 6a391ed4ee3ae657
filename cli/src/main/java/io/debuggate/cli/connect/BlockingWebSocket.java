package io.debuggate.cli.connect;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client (RFC 6455) on a plain blocking socket, for the debugger tunnel. The JDK's
 * client hands every frame between its selector thread, a scheduler and an executor; on a
 * debugger's small request/reply round trips those hand-offs cost more than the gateway's own
 * work. Here the thread that reads the local socket writes the frame, and the thread that reads
 * the frame writes the local socket: nothing else is woken.
 *
 * <p>Only what the tunnel needs: binary and text messages (fragmented ones reassembled), ping
 * answered with pong, close answered with close. Writes are serialized, reads belong to one thread.
 */
final class BlockingWebSocket implements AutoCloseable {

    /** What arrived: a binary or text message, or the peer's close. */
    sealed interface Frame {
        record Binary(byte[] payload) implements Frame {
        }

        record Text(String text) implements Frame {
        }

        record Close(int code, String reason) implements Frame {
        }
    }

    /** The server answered the upgrade with something other than 101. */
    static final class HandshakeRefusedException extends IOException {
        private final int status;

        HandshakeRefusedException(int status, String body) {
            super("HTTP " + status + (body.isBlank() ? "" : " " + body.strip()));
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private volatile boolean closeSent;
    /** The opcode of a fragmented message whose last part has not come yet; -1 between messages. Reader thread only. */
    private int continuedOp = -1;

    private BlockingWebSocket(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(in);
        this.out = socket.getOutputStream();
    }

    /** Connects and upgrades; {@code ws://} or {@code wss://}. */
    static BlockingWebSocket connect(URI uri, Map<String, String> headers, Duration timeout) throws IOException {
        boolean tls = "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
            socket.setTcpNoDelay(true); // small debugger messages must not wait for Nagle
            socket.setSoTimeout((int) timeout.toMillis());
            String key = Base64.getEncoder().encodeToString(randomBytes(16));
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(uri.getRawPath()).append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    .append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(uri.getPort() > 0 ? ":" + uri.getPort() : "").append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            Map<String, String> response = readHeaders(in);
            int status = statusOf(response.get(":status"));
            if (status != 101) {
                throw new HandshakeRefusedException(status, readBody(in, response));
            }
            if (!expectedAccept(key).equals(response.get("sec-websocket-accept"))) {
                throw new IOException("the gateway's WebSocket upgrade answer does not match the key sent; a proxy in between?");
            }
            socket.setSoTimeout(0); // a debugger may sit idle for as long as the grant lasts
            return new BlockingWebSocket(socket, in);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    void sendBinary(byte[] bytes, int offset, int length) throws IOException {
        send(OP_BINARY, bytes, offset, length);
    }

    /** Sends a close once; later calls do nothing. */
    void sendClose(int code, String reason) {
        if (closeSent) {
            return;
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + Math.min(text.length, 123)];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, payload.length - 2);
        try {
            send(OP_CLOSE, payload, 0, payload.length);
        } catch (IOException e) {
            // the connection is gone: nothing left to tell
        }
        closeSent = true;
    }

    /**
     * Blocks for the next message, or for the next part of a binary message (binary data is a
     * byte stream to the tunnel); pings are answered on the way. {@code null} at end of stream.
     */
    @Nullable Frame receive() throws IOException {
        ByteArrayOutputStream message = null;
        int messageOp = -1;
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                return null;
            }
            int b1 = in.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int op = b0 & 0x0F;
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (length < 0 || length > MAX_MESSAGE_BYTES) {
                throw new IOException("the gateway sent a WebSocket frame of " + length + " bytes; the limit is " + MAX_MESSAGE_BYTES);
            }
            byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
            }
            switch (op) {
                case OP_PING -> send(OP_PONG, payload, 0, payload.length);
                case OP_PONG -> { }
                case OP_CLOSE -> {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                    sendClose(code == 1005 ? 1000 : code, "");
                    return new Frame.Close(code, reason);
                }
                case OP_TEXT, OP_BINARY, OP_CONTINUATION -> {
                    if (op != OP_CONTINUATION) {
                        messageOp = op;
                        continuedOp = fin ? -1 : op;
                    } else {
                        if (continuedOp < 0) {
                            throw new IOException("the gateway sent a WebSocket continuation frame without a message to continue");
                        }
                        messageOp = continuedOp;
                        if (fin) {
                            continuedOp = -1;
                        }
                    }
                    if (messageOp == OP_BINARY) {
                        // Tunnel bytes are a stream: each part goes on at once, so a large reply
                        // flows through instead of waiting here for its last part.
                        return frame(OP_BINARY, payload);
                    }
                    if (fin && message == null) {
                        return frame(messageOp, payload);
                    }
                    if (message == null) {
                        message = new ByteArrayOutputStream(payload.length * 2);
                    }
                    message.write(payload);
                    if (message.size() > MAX_MESSAGE_BYTES) {
                        throw new IOException("the gateway sent a WebSocket message over " + MAX_MESSAGE_BYTES + " bytes");
                    }
                    if (fin) {
                        return frame(messageOp, message.toByteArray());
                    }
                }
                default -> throw new IOException("the gateway sent an unknown WebSocket opcode " + op);
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static Frame frame(int op, byte[] payload) {
        return op == OP_TEXT ? new Frame.Text(new String(payload, StandardCharsets.UTF_8)) : new Frame.Binary(payload);
    }

    /** Client frames are masked (RFC 6455 §5.3); header and payload leave in one write. */
    private void send(int op, byte[] bytes, int offset, int length) throws IOException {
        int headerLength = 2 + (length < 126 ? 0 : length <= 0xFFFF ? 2 : 8) + 4;
        byte[] frame = new byte[headerLength + length];
        frame[0] = (byte) (0x80 | op);
        int p = 2;
        if (length < 126) {
            frame[1] = (byte) (0x80 | length);
        } else if (length <= 0xFFFF) {
            frame[1] = (byte) (0x80 | 126);
            frame[p++] = (byte) (length >> 8);
            frame[p++] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[p++] = (byte) ((long) length >> shift);
            }
        }
        byte[] mask = randomBytes(4);
        System.arraycopy(mask, 0, frame, p, 4);
        p += 4;
        for (int i = 0; i < length; i++) {
            frame[p + i] = (byte) (bytes[offset + i] ^ mask[i & 3]);
        }
        synchronized (writeLock) {
            if (closeSent) {
                throw new IOException("the tunnel is closing");
            }
            out.write(frame);
            out.flush();
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int total = 0;
        boolean first = true;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the gateway closed the connection during the WebSocket upgrade");
            }
            if (++total > MAX_HEADER_BYTES) {
                throw new IOException("the gateway's upgrade answer has over " + MAX_HEADER_BYTES + " bytes of headers");
            }
            if (b != '\n') {
                if (b != '\r') {
                    line.write(b);
                }
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.isEmpty()) {
                return headers;
            }
            if (first) {
                headers.put(":status", text);
                first = false;
            } else {
                int colon = text.indexOf(':');
                if (colon > 0) {
                    headers.put(text.substring(0, colon).trim().toLowerCase(Locale.ROOT), text.substring(colon + 1).trim());
                }
            }
        }
    }

    /** The refusal's explanation: a length-delimited body, or the first chunk of a chunked one. */
    private static String readBody(InputStream in, Map<String, String> headers) {
        try {
            String length = headers.get("content-length");
            int n;
            if (length != null) {
                n = Integer.parseInt(length.trim());
            } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
                StringBuilder size = new StringBuilder();
                for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
                    if (b != '\r') {
                        size.append((char) b);
                    }
                }
                int extension = size.indexOf(";");
                n = Integer.parseInt((extension >= 0 ? size.substring(0, extension) : size.toString()).trim(), 16);
            } else {
                n = 0;
            }
            return new String(in.readNBytes(Math.min(n, 16 * 1024)), StandardCharsets.UTF_8);
        } catch (IOException | NumberFormatException e) {
            return "";
        }
    }

    private static int statusOf(@Nullable String statusLine) throws IOException {
        String[] parts = statusLine == null ? new String[0] : statusLine.split(" ", 3);
        try {
            return Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            throw new IOException("the gateway answered the WebSocket upgrade with '" + statusLine + "', not HTTP");
        }
    }

    private static String expectedAccept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
