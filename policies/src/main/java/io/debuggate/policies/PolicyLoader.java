package io.debuggate.policies;

import io.debuggate.policies.yaml.PolicyYamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;

/**
 * Loads and validates policy files. A malformed or invalid file throws {@link PolicyLoadException}
 * naming file, line, column and reason, so start-up stops with a message that says what to fix.
 */
public final class PolicyLoader {

    /** Class-path location of the shipped default policy. */
    public static final String DEFAULT_RESOURCE = "io/debuggate/policies/default-policy.yaml";

    private PolicyLoader() {
    }

    /** The policy shipped with debuggate. */
    public static PolicySet loadDefault() {
        return readDefault().policy();
    }

    /** The policy shipped with debuggate, with the digest of its text. */
    public static LoadedPolicy readDefault() {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new PolicyLoadException("classpath:" + DEFAULT_RESOURCE, 0, 0, "resource missing from the class path");
            }
            byte[] bytes = in.readAllBytes();
            String source = "classpath:" + DEFAULT_RESOURCE;
            return new LoadedPolicy(parse(decode(bytes, source), source), LoadedPolicy.sha256(bytes));
        } catch (IOException e) {
            throw new PolicyLoadException("classpath:" + DEFAULT_RESOURCE, 0, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /** A policy file that replaces the default entirely (copy the default and edit it). */
    public static PolicySet load(Path file) {
        return read(file).policy();
    }

    /**
     * A policy file with the SHA-256 of the bytes it was parsed from (read once, so the digest is
     * the digest of what was parsed even while the file is being replaced).
     */
    public static LoadedPolicy read(Path file) {
        String source = file.toAbsolutePath().normalize().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PolicyLoadException(source, 0, 0, "cannot read the file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); check the path and permissions", e);
        }
        return new LoadedPolicy(parse(decode(bytes, source), source), LoadedPolicy.sha256(bytes));
    }

    /** Parses policy text; {@code source} names it in error messages. */
    public static PolicySet parse(String yaml, String source) {
        return PolicyYamlReader.read(yaml, source);
    }

    private static String decode(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyLoadException(source, 0, 0, "the file is not UTF-8; save it as UTF-8", e);
        }
    }
}
