package io.debuggate.approval;

import java.util.List;
import java.util.stream.Collectors;

/** A draft has one or more invalid fields; all of them are listed. The gateway maps this to 400. */
public class RequestValidationException extends RuntimeException {

    private final List<FieldError> errors;

    public RequestValidationException(List<FieldError> errors) {
        super("debug request is invalid: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
