package io.debuggate.policies.masking;

import java.util.Arrays;
import java.util.Optional;

/** The detectors built into the scanner; each validates a candidate, not only its shape. */
public enum BuiltinDetector {
    /** Chinese resident identity number: 18 digits with ISO 7064 MOD 11-2 check character, or the legacy 15-digit form. */
    CN_RESIDENT_ID("cn-resident-id"),
    /** Mainland mobile number 1[3-9]xxxxxxxxx, optionally prefixed by +86 / 86 / 0086, also as 3-4-4 groups. */
    CN_MOBILE("cn-mobile"),
    /** Payment card number, 13-19 digits with a known issuer prefix that passes Luhn, plain or in groups of four. */
    BANK_CARD("bank-card"),
    /** E-mail address. */
    EMAIL("email"),
    /** Dotted-quad IPv4 address (off by default: addresses are often needed to debug). */
    IPV4("ipv4");

    private final String id;

    BuiltinDetector(String id) {
        this.id = id;
    }

    /** The stable rule id used in policy files, findings and audit records. */
    public String id() {
        return id;
    }

    public static Optional<BuiltinDetector> byId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }
}
