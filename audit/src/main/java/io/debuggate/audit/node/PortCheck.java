package io.debuggate.audit.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Tells whether a loopback port can be bound, and finds free ones for tests. */
public final class PortCheck {

    private PortCheck() {
    }

    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Elasticsearch binds with SO_REUSEADDR, so sockets in TIME_WAIT from a just-stopped node
            // do not block it; only a live listener does.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port the kernel just handed out on loopback; free at the time of the call. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalElasticsearchException("cannot find a free loopback port: " + e.getMessage(), e);
        }
    }
}
