package io.debuggate.agent.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys as PEM ({@code PUBLIC KEY} = X.509 SubjectPublicKeyInfo, {@code PRIVATE KEY} =
 * PKCS#8, the same files {@code openssl genpkey -algorithm ed25519} writes) or bare base64 of
 * the same DER bytes.
 */
public final class Ed25519Keys {

    static final String ALGORITHM = "Ed25519";
    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519; run on JDK 21+", e);
        }
    }

    public static String toPem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    public static String toPem(PrivateKey key) {
        return pem(PRIVATE, key.getEncoded());
    }

    public static PublicKey parsePublicKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pemOrBase64, PUBLIC)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (" + e.getMessage()
                    + "): expected PEM \"-----BEGIN PUBLIC KEY-----\" as written by Ed25519Keys or openssl", e);
        }
    }

    public static PrivateKey parsePrivateKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pemOrBase64, PRIVATE)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (" + e.getMessage()
                    + "): expected PEM \"-----BEGIN PRIVATE KEY-----\" (PKCS#8)", e);
        }
    }

    public static PublicKey readPublicKey(Path file) {
        try {
            return parsePublicKey(read(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gateway public key file " + file + ": " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) {
        try {
            return parsePrivateKey(read(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("private key file " + file + ": " + e.getMessage(), e);
        }
    }

    public static void writePublicKey(Path file, PublicKey key) throws IOException {
        Files.writeString(file, toPem(key), StandardCharsets.US_ASCII);
    }

    /** Writes the key readable by the owner only, so a private key never sits world-readable. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, toPem(key), StandardCharsets.US_ASCII);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read it (" + e + "): check the path and its permissions", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String text, String type) {
        String body = text.strip();
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        if (body.startsWith("-----BEGIN")) {
            if (!body.startsWith(begin) || !body.endsWith(end)) {
                throw new IllegalArgumentException("PEM block is not a \"" + type + "\"");
            }
            body = body.substring(begin.length(), body.length() - end.length());
        }
        try {
            return Base64.getDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key text is neither PEM nor base64", e);
        }
    }
}
