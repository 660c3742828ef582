package dev.donjon.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A secret to store: its payload and Barbican's descriptive fields. The payload array is copied in and can be zeroed
 * by the caller after {@link Secrets#store}.
 *
 * @param secretType  Barbican's type: opaque, symmetric, passphrase, private, public, certificate
 * @param contentType {@code application/octet-stream} (sent base64) or {@code text/plain}
 */
public record SecretSpec(String name, byte[] payload, String contentType, String secretType, String algorithm,
                         Integer bitLength, String mode, Instant expiration) {
    public SecretSpec {
        payload = payload == null ? null : payload.clone();
    }

    /** Binary data, stored as an opaque secret. */
    public static SecretSpec bytes(String name, byte[] payload) {
        return new SecretSpec(name, payload, "application/octet-stream", "opaque", null, null, null, null);
    }

    /** Text (a password, a configuration value), stored as a passphrase secret. */
    public static SecretSpec text(String name, String payload) {
        return new SecretSpec(name, payload.getBytes(StandardCharsets.UTF_8), "text/plain", "passphrase", null, null,
                null, null);
    }

    /** An AES key of the given bytes, stored as a symmetric secret. */
    public static SecretSpec aesKey(String name, byte[] key) {
        return new SecretSpec(name, key, "application/octet-stream", "symmetric", "aes", key.length * 8, "gcm", null);
    }

    public SecretSpec withType(String type) {
        return new SecretSpec(name, payload, contentType, type, algorithm, bitLength, mode, expiration);
    }

    public SecretSpec withExpiration(Instant when) {
        return new SecretSpec(name, payload, contentType, secretType, algorithm, bitLength, mode, when);
    }

    @Override
    public byte[] payload() {
        return payload == null ? null : payload.clone();
    }

    ObjectNode toJson() {
        ObjectNode body = Transport.JSON.createObjectNode();
        if (name != null) {
            body.put("name", name);
        }
        if (payload != null) {
            body.put("payload_content_type", contentType);
            if (contentType.startsWith("text/")) {
                body.put("payload", new String(payload, StandardCharsets.UTF_8));
            } else {
                body.put("payload", Base64.getEncoder().encodeToString(payload));
                body.put("payload_content_encoding", "base64");
            }
        }
        if (secretType != null) {
            body.put("secret_type", secretType);
        }
        if (algorithm != null) {
            body.put("algorithm", algorithm);
        }
        if (bitLength != null) {
            body.put("bit_length", bitLength);
        }
        if (mode != null) {
            body.put("mode", mode);
        }
        if (expiration != null) {
            body.put("expiration", expiration.toString());
        }
        return body;
    }

    @Override
    public String toString() {
        return "SecretSpec[name=" + name + ", type=" + secretType + ", contentType=" + contentType + "]";
    }
}
