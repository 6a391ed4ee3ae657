package io.debuggate.gateway.tunnel;

import java.io.IOException;

/** The debugger client's side of one tunnelled connection, as the broker sees it. */
interface ClientChannel {

    /** Debugger bytes (binary frames). */
    void send(byte[] bytes) throws IOException;

    /** Words for the person at the client (text frames); never debugger bytes. */
    void notice(String text);

    /** Closes the connection; {@code reason} is shown by {@code dgate connect}. */
    void close(CloseReason reason);

    boolean isOpen();
}
