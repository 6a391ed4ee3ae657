package io.debuggate.cli.connect;

import java.util.List;

/** One local port opened by {@code dgate connect}. */
public interface LocalEndpoint extends AutoCloseable {

    Tool tool();

    int port();

    /** Ready-to-paste commands that use this port. */
    List<String> usage();

    @Override
    void close();
}
