package io.debuggate.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The tunnel's WebSocket client against a server written byte by byte, so that what the gateway
 * could send (fragments, pings, closes, oversized lengths, refusals) is sent exactly.
 */
class BlockingWebSocketTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void binaryPartsArriveAsTheyComeTextIsReassembledPingsAnsweredAndTheCloseEchoed() throws Exception {
        try (RawServer server = new RawServer()) {
            CompletableFuture<String> seen = server.serve((in, out) -> {
                out.write(frame(false, 0x2, "hello ".getBytes(StandardCharsets.UTF_8)));
                out.write(frame(true, 0x9, "are you there".getBytes(StandardCharsets.UTF_8))); // a ping between fragments
                out.write(frame(true, 0x0, "world".getBytes(StandardCharsets.UTF_8)));
                out.write(frame(false, 0x1, "a ".getBytes(StandardCharsets.UTF_8)));
                out.write(frame(true, 0x0, "notice".getBytes(StandardCharsets.UTF_8)));
                out.write(frame(true, 0x8, new byte[] {0x10, 0x08, 'c', 'u', 't'})); // 4104 cut
                out.flush();
                String pong = readClientFrame(in);
                String close = readClientFrame(in);
                return pong + " | " + close;
            });
            try (BlockingWebSocket ws = BlockingWebSocket.connect(server.uri(), Map.of("Authorization", "Bearer t"), TIMEOUT)) {
                assertThat(ws.receive()).isInstanceOfSatisfying(BlockingWebSocket.Frame.Binary.class,
                        b -> assertThat(new String(b.payload(), StandardCharsets.UTF_8)).isEqualTo("hello "));
                assertThat(ws.receive()).isInstanceOfSatisfying(BlockingWebSocket.Frame.Binary.class,
                        b -> assertThat(new String(b.payload(), StandardCharsets.UTF_8)).isEqualTo("world"));
                assertThat(ws.receive()).isEqualTo(new BlockingWebSocket.Frame.Text("a notice"));
                assertThat(ws.receive()).isEqualTo(new BlockingWebSocket.Frame.Close(4104, "cut"));
            }
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("op=10 are you there | op=8 \u0010\u0008");
            assertThat(server.requestHeaders()).contains("Authorization: Bearer t").contains("Sec-WebSocket-Version: 13");
        }
    }

    @Test
    void aContinuationWithoutAMessageToContinueIsRefused() throws Exception {
        try (RawServer server = new RawServer()) {
            server.serve((in, out) -> {
                out.write(frame(true, 0x0, "stray".getBytes(StandardCharsets.UTF_8)));
                out.flush();
                return "";
            });
            try (BlockingWebSocket ws = BlockingWebSocket.connect(server.uri(), Map.of(), TIMEOUT)) {
                assertThatThrownBy(ws::receive).isInstanceOf(IOException.class).hasMessageContaining("continuation");
            }
        }
    }

    @Test
    void clientFramesAreMaskedAndLargeOnesUseTheLongLength() throws Exception {
        byte[] big = new byte[70_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 251);
        }
        try (RawServer server = new RawServer()) {
            CompletableFuture<String> seen = server.serve((in, out) -> {
                DataInputStream data = new DataInputStream(in);
                int b0 = data.readUnsignedByte();
                int b1 = data.readUnsignedByte();
                long length = (b1 & 0x7F) == 127 ? data.readLong() : (b1 & 0x7F) == 126 ? data.readUnsignedShort() : b1 & 0x7F;
                byte[] mask = data.readNBytes(4);
                byte[] payload = data.readNBytes((int) length);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                return "fin+op=" + Integer.toHexString(b0) + " masked=" + ((b1 & 0x80) != 0) + " length=" + length
                        + " intact=" + java.util.Arrays.equals(payload, big);
            });
            try (BlockingWebSocket ws = BlockingWebSocket.connect(server.uri(), Map.of(), TIMEOUT)) {
                ws.sendBinary(big, 0, big.length);
                assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("fin+op=82 masked=true length=70000 intact=true");
            }
        }
    }

    @Test
    void aFrameLongerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        try (RawServer server = new RawServer()) {
            server.serve((in, out) -> {
                out.write(new byte[] {(byte) 0x82, 127, 0x7F, 0, 0, 0, 0, 0, 0, 0}); // 2^63-ish bytes announced
                out.flush();
                in.read(); // keep the connection until the client gives up
                return "";
            });
            try (BlockingWebSocket ws = BlockingWebSocket.connect(server.uri(), Map.of(), TIMEOUT)) {
                assertThatThrownBy(ws::receive).isInstanceOf(IOException.class).hasMessageContaining("the limit is");
            }
        }
    }

    @Test
    void aRefusalCarriesTheStatusAndTheGatewaysExplanationChunkedOrNot() throws Exception {
        for (boolean chunked : new boolean[] {false, true}) {
            try (RawServer server = new RawServer()) {
                String body = "{\"detail\":\"session dr-1 belongs to alice\"}";
                server.answer(chunked
                        ? "HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n"
                        : "HTTP/1.1 403 Forbidden\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                assertThatThrownBy(() -> BlockingWebSocket.connect(server.uri(), Map.of(), TIMEOUT))
                        .isInstanceOfSatisfying(BlockingWebSocket.HandshakeRefusedException.class, e -> {
                            assertThat(e.status()).isEqualTo(403);
                            assertThat(e.getMessage()).isEqualTo("HTTP 403 " + body);
                        });
            }
        }
    }

    @Test
    void anUpgradeAnswerForAnotherKeyIsRefused() throws Exception {
        try (RawServer server = new RawServer()) {
            server.answer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
            assertThatThrownBy(() -> BlockingWebSocket.connect(server.uri(), Map.of(), TIMEOUT))
                    .isInstanceOf(IOException.class).hasMessageContaining("does not match the key");
        }
    }

    private static byte[] frame(boolean fin, int op, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | op);
        out.write(payload.length); // < 126 in these tests; server frames are not masked
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Reads one masked client frame: "op=N payload". */
    private static String readClientFrame(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int op = data.readUnsignedByte() & 0x0F;
        int length = data.readUnsignedByte() & 0x7F;
        byte[] mask = data.readNBytes(4);
        byte[] payload = data.readNBytes(length);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return "op=" + op + " " + new String(payload, StandardCharsets.UTF_8);
    }

    /** One connection: reads the upgrade request, answers it, then runs a script. */
    private static final class RawServer implements AutoCloseable {

        interface Script {
            String run(InputStream in, OutputStream out) throws Exception;
        }

        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final CompletableFuture<String> headers = new CompletableFuture<>();

        RawServer() throws IOException {
        }

        URI uri() {
            return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/api/sessions/dr-1/tunnel/dlv");
        }

        String requestHeaders() throws Exception {
            return headers.get(10, TimeUnit.SECONDS);
        }

        CompletableFuture<String> serve(Script script) {
            return CompletableFuture.supplyAsync(() -> {
                try (Socket socket = listener.accept()) {
                    InputStream in = socket.getInputStream();
                    String request = readRequest(in);
                    String key = request.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow()
                            .substring("Sec-WebSocket-Key: ".length());
                    String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return script.run(in, out);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> Thread.ofVirtual().start(runnable));
        }

        /** Answers the upgrade with a fixed response. */
        void answer(String response) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = listener.accept()) {
                    readRequest(socket.getInputStream());
                    socket.getOutputStream().write(response.getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                } catch (Exception e) {
                    headers.completeExceptionally(e);
                }
            });
        }

        private String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("client left during the upgrade");
                }
                request.write(b);
            }
            String text = request.toString(StandardCharsets.ISO_8859_1);
            headers.complete(text);
            return text;
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
