package io.debuggate.policies.masking.logback;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} through the masking engine. Register it in logback.xml:
 * <pre>{@code
 * <conversionRule conversionWord="msg" class="io.debuggate.policies.masking.logback.MaskingMessageConverter"/>
 * }</pre>
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogMasking.masker().mask(super.convert(event));
    }
}
