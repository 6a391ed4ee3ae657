package io.debuggate.audit.chain;

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
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs chain heads with the gateway's Ed25519 key. A signed head pins every event before it: an
 * admin who rewrites events and recomputes all later hashes still cannot produce a matching
 * signature, which is what turns the hash chain from tamper-evident-to-the-careless into
 * tamper-evident.
 */
public final class ChainHeadSigner {

    public static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public ChainHeadSigner(KeyPair keys) {
        this.privateKey = Objects.requireNonNull(keys.getPrivate(), "private key");
        this.publicKey = Objects.requireNonNull(keys.getPublic(), "public key");
        this.keyId = ChainSignatures.keyId(publicKey);
    }

    public static ChainHeadSigner generate() {
        try {
            return new ChainHeadSigner(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks Ed25519", e);
        }
    }

    /**
     * Loads the private key from {@code privateKeyFile} (PEM, PKCS#8), or creates one there with
     * the public key beside it as {@code <file>.pub} (PEM, X.509) for verifiers.
     */
    public static ChainHeadSigner loadOrCreate(Path privateKeyFile) throws IOException {
        Path publicKeyFile = privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
        try {
            if (Files.isRegularFile(privateKeyFile)) {
                KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
                PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(
                        ChainSignatures.pem(Files.readString(privateKeyFile), "PRIVATE KEY", privateKeyFile)));
                PublicKey pub = ChainSignatures.readPublicKey(publicKeyFile);
                return new ChainHeadSigner(new KeyPair(pub, key));
            }
            ChainHeadSigner created = generate();
            Files.createDirectories(privateKeyFile.toAbsolutePath().getParent());
            Files.createFile(privateKeyFile,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateKeyFile, ChainSignatures.toPem("PRIVATE KEY", created.privateKey.getEncoded()));
            Files.writeString(publicKeyFile, ChainSignatures.toPem("PUBLIC KEY", created.publicKey.getEncoded()));
            return created;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("chain signing key " + privateKeyFile + " (or its .pub) is not an Ed25519 PEM key: "
                    + e.getMessage() + "; move both files away to let the gateway create a new pair", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Base64 Ed25519 signature over {@link ChainSignatures#statement}. */
    public String sign(String instance, long sequence, String hash) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(ChainSignatures.statement(instance, sequence, hash).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the chain head failed", e);
        }
    }
}
