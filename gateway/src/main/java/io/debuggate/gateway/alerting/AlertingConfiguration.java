package io.debuggate.gateway.alerting;

import io.debuggate.gateway.DebuggateHome;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AlertingConfiguration {

    @Bean(destroyMethod = "close")
    AlertDispatcher alertDispatcher(AlertingProperties properties, DebuggateHome home, MeterRegistry meters) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Path deadLetterFile = properties.deadLetterFile() != null ? Path.of(properties.deadLetterFile())
                : home.resolve("alerts/dead-letter.jsonl");
        return new AlertDispatcher(properties.sinks().stream().map(s -> new WebhookSink(s, http)).toList(),
                properties.retry(), new DeadLetterLog(deadLetterFile), meters, d -> Thread.sleep(d));
    }
}
