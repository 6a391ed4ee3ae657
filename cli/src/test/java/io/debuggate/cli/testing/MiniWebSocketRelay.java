package io.debuggate.cli.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal RFC 6455 server standing in for the gateway's tunnel endpoint: it checks the path and
 * the bearer token, then relays each WebSocket's binary frames to a fresh TCP connection to
 * {@code upstream} (an echo server, or a real headless dlv) and back. The JDK has a WebSocket
 * client but no server, hence this.
 */
public final class MiniWebSocketRelay implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket listener;
    private final String expectedPath;
    private final String expectedToken;
    private final InetSocketAddress upstream;
    private final List<String> seenAuthorizations = new CopyOnWriteArrayList<>();
    private volatile String closeReasonToSend;

    public MiniWebSocketRelay(String expectedPath, String expectedToken, InetSocketAddress upstream) throws IOException {
        this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.expectedPath = expectedPath;
        this.expectedToken = expectedToken;
        this.upstream = upstream;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    public List<String> seenAuthorizations() {
        return seenAuthorizations;
    }

    /** The next relayed connection is closed by the "gateway" right after the handshake with this reason. */
    public void cutNextWith(String reason) {
        this.closeReasonToSend = reason;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String[] requestLine = readLine(in).split(" ");
            Map<String, String> headers = new HashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            seenAuthorizations.add(headers.getOrDefault("authorization", ""));
            if (!requestLine[1].equals(expectedPath) || !("Bearer " + expectedToken).equals(headers.get("authorization"))) {
                byte[] body = "{\"detail\":\"no grant for this session\"}".getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((headers.get("sec-websocket-key") + GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                    + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String cut = closeReasonToSend;
            if (cut != null) {
                closeReasonToSend = null;
                writeFrame(out, 0x8, closePayload(4001, cut));
                Thread.sleep(200);
                return;
            }
            try (Socket target = new Socket(upstream.getAddress(), upstream.getPort())) {
                Thread pump = Thread.ofVirtual().start(() -> pumpToClient(target, out));
                readFrames(new DataInputStream(in), target.getOutputStream(), out);
                target.shutdownOutput();
                pump.join(5000);
            }
        } catch (Exception e) {
            // connection over
        }
    }

    private static void pumpToClient(Socket target, OutputStream out) {
        byte[] buffer = new byte[32 * 1024];
        try {
            InputStream in = target.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    writeFrame(out, 0x2, java.util.Arrays.copyOf(buffer, n));
                }
            }
            synchronized (out) {
                writeFrame(out, 0x8, closePayload(1000, ""));
            }
        } catch (IOException e) {
            // client gone
        }
    }

    private static void readFrames(DataInputStream in, OutputStream target, OutputStream out) throws IOException {
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            int opcode = b0 & 0x0f;
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            switch (opcode) {
                case 0x0, 0x2 -> {
                    target.write(payload);
                    target.flush();
                }
                case 0x8 -> {
                    synchronized (out) {
                        writeFrame(out, 0x8, payload.length >= 2 ? java.util.Arrays.copyOf(payload, 2) : payload);
                    }
                    return;
                }
                case 0x9 -> {
                    synchronized (out) {
                        writeFrame(out, 0xA, payload);
                    }
                }
                default -> { }
            }
        }
    }

    private static byte[] closePayload(int code, String reason) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(code >> 8);
        payload.write(code & 0xff);
        payload.writeBytes(reason.getBytes(StandardCharsets.UTF_8));
        return payload.toByteArray();
    }

    private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65536) {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        out.write(payload);
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
