package io.debuggate.policies.masking.logback;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %ex} through the masking engine: exception messages quote input as often as log messages do.
 * <pre>{@code
 * <conversionRule conversionWord="ex" class="io.debuggate.policies.masking.logback.MaskingThrowableProxyConverter"/>
 * }</pre>
 */
public class MaskingThrowableProxyConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return LogMasking.masker().mask(super.throwableProxyToString(tp));
    }
}
