package io.debuggate.gateway.tunnel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The debugger client's side of one tunnelled connection, as the broker sees it. */
interface ClientChannel {

    /** Debugger bytes (binary frames). */
    void send(byte[] bytes) throws IOException;

    /**
     * One binary message written in parts, each sent as it is written, so the client can pass a
     * large reply on while the rest is still being masked; closing the stream ends the message.
     * Nothing else is sent on this channel until then. This default sends it whole at the close.
     */
    default OutputStream openMessage() throws IOException {
        return new ByteArrayOutputStream() {
            @Override
            public void close() throws IOException {
                send(toByteArray());
            }
        };
    }

    /** Words for the person at the client (text frames); never debugger bytes. */
    void notice(String text);

    /** Closes the connection; {@code reason} is shown by {@code dgate connect}. */
    void close(CloseReason reason);

    boolean isOpen();
}
