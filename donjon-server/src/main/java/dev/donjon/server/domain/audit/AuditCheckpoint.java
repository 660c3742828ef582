package dev.donjon.server.domain.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A signed statement that the chain's event {@code seq} has hash {@code hash}: whoever edits, removes or rewrites the
 * events up to it cannot produce a matching signature without the audit signing key, which only the master keystore
 * can unwrap.
 *
 * @param signature Ed25519 over {@link #statement()}
 */
public record AuditCheckpoint(long seq, String hash, Instant at, String node, String keyId, byte[] signature) {
    public AuditCheckpoint {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The exact bytes signed: a versioned, line-separated statement. */
    public byte[] statement() {
        return statement(seq, hash, at, node);
    }

    public static byte[] statement(long seq, String hash, Instant at, String node) {
        return ("donjon-audit-checkpoint-v1\n" + seq + "\n" + hash + "\n" + java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, at) + "\n" + node)
                .getBytes(StandardCharsets.UTF_8);
    }

    public String signatureBase64() {
        return Base64.getEncoder().encodeToString(signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditCheckpoint that && seq == that.seq && hash.equals(that.hash)
                && at.equals(that.at) && node.equals(that.node) && keyId.equals(that.keyId)
                && java.util.Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + hash.hashCode();
    }
}
