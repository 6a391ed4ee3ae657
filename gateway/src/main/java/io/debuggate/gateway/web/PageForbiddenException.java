package io.debuggate.gateway.web;

/** A page is not for this user; the message key explains which group it needs. */
class PageForbiddenException extends RuntimeException {

    private final String messageKey;

    PageForbiddenException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    String messageKey() {
        return messageKey;
    }
}
