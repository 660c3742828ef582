package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.server.domain.object.KeyCryptography.Stream;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretId;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The open multi-part Encrypt and Decrypt operations (KMIP 1.4 §4.29–4.30, 2.1 §6.1.17, §6.1.11), each under a
 * Correlation Value the server draws at random, so that it cannot be guessed. A stream serves only the client that
 * opened it (same project and user), for the same object and operation; to anyone else its Correlation Value names
 * nothing. Streams are bounded in number, per client and in all, and one left idle too long is dropped, so that
 * clients that never send their last part cannot hold cipher state (and key material) in memory for ever.
 */
final class CipherStreams {
    static final int MAX_OPEN = 256;
    static final int MAX_OPEN_PER_CLIENT = 16;
    static final Duration IDLE_EXPIRY = Duration.ofMinutes(5);
    /** What an authenticated decryption stream may hold back until its tag is checked. */
    static final long MAX_HELD_BACK_BYTES = 1 << 20;
    private static final int CORRELATION_BYTES = 16;

    enum Direction { ENCRYPT, DECRYPT }

    /** Who may continue a stream. */
    private record Owner(ProjectId project, String userId) {
        static Owner of(Principal principal) {
            return new Owner(principal.project(), principal.userId());
        }
    }

    private record Open(Owner owner, SecretId object, Direction direction, Stream stream, Instant lastUsed) {
    }

    /** A stream taken out for one part: no other request can use it until it is {@link #release}d. */
    record Claimed(String correlation, Owner owner, SecretId object, Direction direction, Stream stream) {
    }

    private final Map<String, Open> open = new LinkedHashMap<>();
    private final SecureRandom random;
    private final Clock clock;

    CipherStreams(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** Registers a new stream and returns its Correlation Value. */
    synchronized byte[] open(OperationContext context, SecretId object, Direction direction, Stream stream) {
        expire();
        Owner owner = Owner.of(context.call().principal());
        long mine = open.values().stream().filter(o -> o.owner().equals(owner)).count();
        if (mine >= MAX_OPEN_PER_CLIENT || open.size() >= MAX_OPEN) {
            throw new KmipError(context.v2() ? ResultReason.SERVER_LIMIT_EXCEEDED : ResultReason.ILLEGAL_OPERATION,
                    "too many open streams: finish one (Final Indicator) first");
        }
        byte[] correlation = new byte[CORRELATION_BYTES];
        random.nextBytes(correlation);
        open.put(HexFormat.of().formatHex(correlation), new Open(owner, object, direction, stream, clock.instant()));
        return correlation;
    }

    /**
     * Takes the stream for its next part. A Correlation Value that is unknown, expired, another client's, or for
     * another object or operation is refused alike, and leaves the stream as it was.
     *
     * @param object the Unique Identifier the request names, if any
     */
    synchronized Claimed claim(OperationContext context, byte[] correlation, Direction direction,
                               Optional<String> object) {
        expire();
        String key = HexFormat.of().formatHex(correlation);
        Open found = open.get(key);
        Owner owner = Owner.of(context.call().principal());
        if (found == null || !found.owner().equals(owner) || found.direction() != direction
                || object.filter(id -> !id.equals(found.object().toString())).isPresent()) {
            // KMIP 1.4 §11.30–11.31 answer an unknown Correlation Value with Item Not Found; 2.x has its own reason.
            throw new KmipError(context.v2() ? ResultReason.INVALID_CORRELATION_VALUE : ResultReason.ITEM_NOT_FOUND,
                    "the Correlation Value names no open " + direction.name().toLowerCase(java.util.Locale.ROOT)
                            + " stream of this client and object");
        }
        open.remove(key);
        return new Claimed(key, owner, found.object(), direction, found.stream());
    }

    /** Puts a stream back after a middle part. */
    synchronized void release(Claimed claimed) {
        open.put(claimed.correlation(), new Open(claimed.owner(), claimed.object(), claimed.direction(),
                claimed.stream(), clock.instant()));
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(IDLE_EXPIRY);
        open.values().removeIf(o -> o.lastUsed().isBefore(cutoff));
    }
}
