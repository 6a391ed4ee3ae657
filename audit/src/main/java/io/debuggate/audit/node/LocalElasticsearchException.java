package io.debuggate.audit.node;

import java.util.List;

/**
 * The local Elasticsearch node could not be prepared, started or stopped. The message always names
 * the cause and the fix, and — when the node itself wrote something — ends with the last lines of
 * its log, so an operator never has to read a client stack trace to learn that a port was taken.
 */
public class LocalElasticsearchException extends RuntimeException {

    private final List<String> logTail;

    public LocalElasticsearchException(String causeAndFix) {
        this(causeAndFix, List.of(), null);
    }

    public LocalElasticsearchException(String causeAndFix, Throwable cause) {
        this(causeAndFix, List.of(), cause);
    }

    public LocalElasticsearchException(String causeAndFix, List<String> logTail, Throwable cause) {
        super(compose(causeAndFix, logTail), cause);
        this.logTail = List.copyOf(logTail);
    }

    /** The last lines Elasticsearch wrote before the failure; empty when it never ran. */
    public List<String> logTail() {
        return logTail;
    }

    private static String compose(String causeAndFix, List<String> logTail) {
        if (logTail.isEmpty()) {
            return causeAndFix;
        }
        StringBuilder text = new StringBuilder(causeAndFix)
                .append(System.lineSeparator())
                .append("--- last lines of the Elasticsearch log ---");
        for (String line : logTail) {
            text.append(System.lineSeparator()).append(line);
        }
        return text.toString();
    }
}
