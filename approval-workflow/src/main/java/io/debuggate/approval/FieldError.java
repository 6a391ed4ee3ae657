package io.debuggate.approval;

/**
 * One problem with one field of a draft.
 *
 * @param field the draft's component name, e.g. {@code requestedDurationMinutes}
 * @param message what is wrong and how to fix it, quoting the bad value
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
