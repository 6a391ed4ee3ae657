package io.debuggate.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The gateway: the only thing a human talks to. Wires every other module. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DebuggateApplication {

    public static void main(String[] args) {
        SpringApplication.run(DebuggateApplication.class, args);
    }
}
