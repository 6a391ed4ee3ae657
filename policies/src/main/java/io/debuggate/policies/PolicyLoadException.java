package io.debuggate.policies;

/**
 * A policy file that cannot be used, with where and why: {@code file:line:column: reason}. Line and
 * column are 1-based; 0 when unknown (an unreadable file).
 */
public class PolicyLoadException extends RuntimeException {

    private final String source;
    private final int line;
    private final int column;
    private final String reason;

    public PolicyLoadException(String source, int line, int column, String reason) {
        this(source, line, column, reason, null);
    }

    public PolicyLoadException(String source, int line, int column, String reason, Throwable cause) {
        super(format(source, line, column, reason), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    private static String format(String source, int line, int column, String reason) {
        StringBuilder sb = new StringBuilder("invalid policy ").append(source);
        if (line > 0) {
            sb.append(", line ").append(line);
            if (column > 0) {
                sb.append(", column ").append(column);
            }
        }
        return sb.append(": ").append(reason).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
