package io.debuggate.gateway.agents;

import io.debuggate.agent.protocol.Ed25519Keys;
import io.debuggate.gateway.DebuggateHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key pair whose private half signs every order to an agent. Kept on disk so agents
 * configured with the public half keep trusting the gateway across restarts.
 */
public final class AgentOrderKeys {

    private static final Logger log = LoggerFactory.getLogger(AgentOrderKeys.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Path publicKeyFile;

    private AgentOrderKeys(PrivateKey privateKey, PublicKey publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyFile = publicKeyFile;
    }

    public static AgentOrderKeys loadOrCreate(AgentsProperties properties, DebuggateHome home) {
        Path privateFile = properties.signingKeyFile() != null
                ? Path.of(properties.signingKeyFile())
                : home.resolve("agents/order-signing-key.pem");
        Path publicFile = privateFile.resolveSibling(privateFile.getFileName().toString().replace(".pem", "") + ".pub.pem");
        try {
            if (!Files.exists(privateFile)) {
                Files.createDirectories(privateFile.toAbsolutePath().getParent());
                KeyPair pair = Ed25519Keys.generate();
                Ed25519Keys.writePrivateKey(privateFile, pair.getPrivate());
                Ed25519Keys.writePublicKey(publicFile, pair.getPublic());
                log.info("event=agent_order_key_created private_key={} public_key={}", privateFile, publicFile);
            }
            PrivateKey privateKey = Ed25519Keys.readPrivateKey(privateFile);
            if (!Files.exists(publicFile)) {
                throw new IllegalStateException("the agent order key " + privateFile + " has no public half at " + publicFile
                        + "; restore it or delete both to create a new pair (then reconfigure every agent)");
            }
            return new AgentOrderKeys(privateKey, Ed25519Keys.readPublicKey(publicFile), publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the agent order key at " + privateFile
                    + ": make the folder writable or set debuggate.agents.signing-key-file", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The file to hand to agents ({@code --gateway-public-key}). */
    public Path publicKeyFile() {
        return publicKeyFile;
    }
}
