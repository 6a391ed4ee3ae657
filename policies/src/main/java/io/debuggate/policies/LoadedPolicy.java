package io.debuggate.policies;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A policy with the SHA-256 of the exact bytes it was parsed from, so an audit record can name
 * the file version that was in force.
 */
public record LoadedPolicy(PolicySet policy, String sha256) {

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
