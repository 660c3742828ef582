package dev.donjon.server.audit;

import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.ChainedEvent;


import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The chain's hash function and the canonical serialization it hashes (docs/audit.md). An event's hash is
 * {@code hex(SHA-256(previous hash as 64 ASCII hex digits ‖ canonical(event)))}; the canonical form is the version tag
 * {@code donjon-audit-v1} followed by each field as a netstring ({@code <UTF-8 byte length>:<bytes>,}) or {@code ~}
 * for a missing value, in this order: seq, time (microseconds since the epoch), node, request id, user, project, auth
 * method, credential, source, action, object, outcome, reason. Length prefixes make the encoding unambiguous whatever
 * the fields contain; seq inside the hash makes a moved event detectable even with its links intact.
 */
public final class AuditChain {
    /** The "previous hash" of the first chained event. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(String previousHash, long seq, String node, AuditEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        sha256.update(canonical(seq, node, event));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Whether {@code event} is the one {@code hash} was computed over, at that place in the chain. */
    public static boolean matches(ChainedEvent event) {
        return MessageDigest.isEqual(hash(event.previousHash(), event.seq(), event.node(), event.event())
                .getBytes(StandardCharsets.US_ASCII), event.hash().getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] canonical(long seq, String node, AuditEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes("donjon-audit-v1".getBytes(StandardCharsets.US_ASCII));
        field(out, Long.toString(seq));
        field(out, Long.toString(micros(e.at())));
        field(out, node);
        field(out, e.requestId());
        field(out, e.actorUser());
        field(out, e.actorProject());
        field(out, e.method() == null ? null : e.method().name());
        field(out, e.credential());
        field(out, e.source());
        field(out, e.action().name());
        field(out, e.objectId());
        field(out, e.outcome().name());
        field(out, e.detail());
        return out.toByteArray();
    }

    /** Times are kept to the microsecond, the resolution both databases store. */
    public static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write('~');
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.write(',');
    }

    /** Cloned per hash: {@code getInstance} looks the provider up each time (1 % of a KMIP Create's CPU). */
    private static final MessageDigest SHA256 = newSha256();

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
