package io.debuggate.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519KeysTest {

    @TempDir
    Path dir;

    @Test
    void keysSavedAsPemSignAndVerifyAfterReading() throws Exception {
        KeyPair keys = Ed25519Keys.generate();
        Path pub = dir.resolve("gateway.pub.pem");
        Path priv = dir.resolve("gateway.key.pem");
        Ed25519Keys.writePublicKey(pub, keys.getPublic());
        Ed25519Keys.writePrivateKey(priv, keys.getPrivate());

        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");

        OrderToken order = OrderToken.issue("gw", "node-7", "svc/0", "s", "alice", DebugTool.PPROF, Clock.systemUTC(),
                Duration.ofMinutes(1));
        String token = new OrderTokenSigner(Ed25519Keys.readPrivateKey(priv)).sign(order);
        OrderTokenVerifier verifier = OrderTokenVerifier.builder().publicKey(Ed25519Keys.readPublicKey(pub))
                .audience("node-7").target("svc/0").build();
        assertThat(verifier.verify(token, Set.of(DebugTool.PPROF))).isEqualTo(order);
    }

    @Test
    void bareBase64OfTheDerBytesIsAccepted() {
        KeyPair keys = Ed25519Keys.generate();
        String bare = java.util.Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        assertThat(Ed25519Keys.parsePublicKey(bare)).isEqualTo(keys.getPublic());
    }

    @Test
    void wrongOrBrokenKeyFilesAreRefusedNamingTheFile() throws Exception {
        KeyPair keys = Ed25519Keys.generate();
        Path privateAsPublic = dir.resolve("swapped.pem");
        Files.writeString(privateAsPublic, Ed25519Keys.toPem(keys.getPrivate()));
        assertThatThrownBy(() -> Ed25519Keys.readPublicKey(privateAsPublic))
                .hasMessageContaining(privateAsPublic.toString()).hasMessageContaining("not a \"PUBLIC KEY\"");

        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "this is not a key!");
        assertThatThrownBy(() -> Ed25519Keys.readPublicKey(garbage)).hasMessageContaining("neither PEM nor base64");

        Path rsa = dir.resolve("ec.pem");
        Files.writeString(rsa, "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getEncoder().encodeToString(
                java.security.KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> Ed25519Keys.readPublicKey(rsa)).hasMessageContaining("not an Ed25519 public key");

        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> Ed25519Keys.readPublicKey(missing)).hasMessageContaining(missing.toString())
                .hasMessageContaining("check the path");
    }
}
