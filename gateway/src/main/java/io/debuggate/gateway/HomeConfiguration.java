package io.debuggate.gateway;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HomeConfiguration {

    @Bean
    DebuggateHome debuggateHome(@Value("${debuggate.home:./var}") String home) {
        return new DebuggateHome(Path.of(home));
    }
}
