package io.debuggate.gateway.delve;

import java.util.function.Consumer;

/**
 * Cuts a byte stream into top-level JSON objects. Delve reads requests with a streaming decoder,
 * so clients may send concatenated values with or without newlines and split anywhere
 * (debug-protocols.md §1.1); framing on {@code \n} would be wrong. Only objects are accepted at
 * the top level; whitespace between them is skipped. The splitter only finds boundaries (strings,
 * escapes, nesting) — validating the JSON inside is the parser's job.
 *
 * <p>Limits are checked as bytes arrive, so a 50 MB message is refused after the first
 * {@code maxMessageBytes}, not after buffering it whole.
 */
public final class JsonMessageSplitter {

    private final int maxDepth;
    private final PendingMessage pending;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private long offset;
    private boolean failed;

    public JsonMessageSplitter(int maxMessageBytes, int maxDepth) {
        if (maxMessageBytes < 2 || maxDepth < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 2 and maxDepth >= 1");
        }
        this.maxDepth = maxDepth;
        this.pending = new PendingMessage(maxMessageBytes,
                () -> fail("message exceeds " + maxMessageBytes + " bytes; send smaller requests"));
    }

    /**
     * Feeds bytes; every completed object is handed to {@code onMessage} in order.
     *
     * @throws FramingException on bytes that cannot start or continue a JSON object, or a limit;
     *                          the splitter is unusable afterwards (the stream has lost its frame)
     */
    public void feed(byte[] bytes, int from, int length, Consumer<byte[]> onMessage) {
        if (failed) {
            throw new FramingException("the stream already failed to frame; open a new connection");
        }
        int start = from;
        int end = from + length;
        long base = offset - from; // the stream offset of bytes[i] is base + i
        int i = from;
        while (i < end) {
            byte b = bytes[i];
            if (depth == 0) {
                if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                    start = ++i;
                    continue;
                }
                if (b != '{') {
                    fail("expected a JSON object ('{') at stream offset " + (base + i) + " but found "
                            + JsonBytes.describe(b) + "; Delve JSON-RPC requests are objects like {\"method\":...,\"params\":[...],\"id\":1}");
                }
                start = i++;
                depth = 1;
                continue;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                    i++;
                    continue;
                }
                // Most of a large reply is string bytes (files, functions): skip them in one tight loop.
                while (b != '"' && b != '\\' && ++i < end) {
                    b = bytes[i];
                }
                if (i == end) {
                    break;
                }
                if (b == '\\') {
                    escaped = true;
                } else {
                    inString = false;
                }
                i++;
                continue;
            }
            switch (b) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    if (++depth > maxDepth) {
                        fail("message nests deeper than " + maxDepth + " levels; no Delve request needs that");
                    }
                }
                case '}', ']' -> {
                    if (--depth == 0) {
                        onMessage.accept(pending.complete(bytes, start, i + 1 - start));
                        start = i + 1;
                    }
                }
                default -> { }
            }
            i++;
        }
        offset = base + end;
        if (depth > 0 && start < end) {
            pending.append(bytes, start, end - start);
        }
    }

    /** Bytes of an unfinished message still held (for tests and the close reason). */
    public int pendingBytes() {
        return pending.size();
    }

    private void fail(String message) {
        failed = true;
        throw new FramingException(message);
    }
}
