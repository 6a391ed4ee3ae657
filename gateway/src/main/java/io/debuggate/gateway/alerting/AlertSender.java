package io.debuggate.gateway.alerting;

/** Hands an alert to every configured sink; never blocks the caller on delivery. */
@FunctionalInterface
public interface AlertSender {

    void send(Alert alert);
}
