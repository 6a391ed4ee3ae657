package io.debuggate.audit.chain;

import io.debuggate.audit.event.ChainHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** What a chain-head signature covers, and checking one. */
public final class ChainSignatures {

    private ChainSignatures() {
    }

    /** The exact text signed: a fixed label, the instance, the sequence and the hash. */
    public static String statement(String instance, long sequence, String hash) {
        return "debuggate-chain-head\ninstance=" + instance + "\nsequence=" + sequence + "\nhash=" + hash + "\n";
    }

    public static boolean verify(PublicKey key, String instance, long sequence, String hash, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance(ChainHeadSigner.ALGORITHM);
            signature.initVerify(key);
            signature.update(statement(instance, sequence, hash).getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** First 16 hex digits of the SHA-256 of the encoded public key. */
    public static String keyId(PublicKey key) {
        return ChainHash.sha256Hex(key.getEncoded()).substring(0, 16);
    }

    public static PublicKey readPublicKey(Path file) throws IOException {
        try {
            return KeyFactory.getInstance(ChainHeadSigner.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(pem(Files.readString(file), "PUBLIC KEY", file)));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not an Ed25519 public key in PEM form: " + e.getMessage(), e);
        }
    }

    static byte[] pem(String text, String label, Path file) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + " has no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to).strip());
    }

    static String toPem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
