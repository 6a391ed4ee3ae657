package io.debuggate.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder where the product keeps its state on one machine: the H2 database, the issuer key,
 * the audit spool, the local Elasticsearch node. Set by {@code debuggate.home}; default {@code ./var}.
 */
public record DebuggateHome(Path path) {

    public DebuggateHome {
        path = path.toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create debuggate.home " + path
                    + ": choose a writable folder with --debuggate.home=/path", e);
        }
    }

    public Path resolve(String relative) {
        return path.resolve(relative);
    }
}
