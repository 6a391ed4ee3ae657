package io.debuggate.gateway.identity;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.debuggate.gateway.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/**
 * Keeps the embedded issuer's RSA signing key on disk, readable by the owner only, so tokens
 * issued before a restart stay valid after it (a CLI user should not have to log in again
 * because the gateway was redeployed).
 */
final class SigningKeyStore {

    private SigningKeyStore() {
    }

    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            OwnerOnlyFiles.write(file, key.toJSONString().getBytes(StandardCharsets.UTF_8));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the issuer signing key " + file
                    + ": check that the folder is writable or set debuggate.identity.key-file", e);
        } catch (ParseException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("the issuer signing key " + file
                    + " is not a valid RSA JWK; delete it to create a new one (existing tokens become invalid)", e);
        }
    }
}
