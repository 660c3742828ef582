package dev.donjon.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.ApiToken;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.port.Store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Donjon API tokens: {@code djt_<id>_<secret>}. The id finds the stored row; only the SHA-256 of the secret is stored
 * and it is compared in constant time. Verified rows are cached; a revocation takes effect at once on the node that
 * made it, and on the others within {@link #REVOCATION_POLL}: every revocation moves a version number in the database,
 * which each node reads at most once per poll interval, dropping its cache when it moved.
 */
public final class ApiTokens {
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    static final Duration REVOCATION_POLL = Duration.ofSeconds(2);
    private static final String PREFIX = "djt_";
    private static final int ID_BYTES = 8;
    private static final int SECRET_BYTES = 32;

    private final Store store;
    private final SecureRandom random;
    private final Clock clock;
    private final Cache<String, ApiToken> verified = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(CACHE_TTL)
            .build();
    private final AtomicLong nextPoll = new AtomicLong(System.nanoTime());
    private volatile long seenRevocations = -1;

    public ApiTokens(Store store, SecureRandom random, Clock clock) {
        this.store = store;
        this.random = random;
        this.clock = clock;
    }

    /** A newly issued token: the only time its full value exists outside the caller. */
    public record Issued(String token, ApiToken stored) {
        @Override
        public String toString() {
            return "Issued[" + stored + "]";
        }
    }

    public Issued issue(ProjectId project, Set<Role> roles, String userId, String description) {
        if (roles.isEmpty()) {
            throw new DomainException.InvalidInput("a token needs at least one known role");
        }
        byte[] idBytes = new byte[ID_BYTES];
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(idBytes);
        random.nextBytes(secret);
        String id = HexFormat.of().formatHex(idBytes);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        java.util.Arrays.fill(secret, (byte) 0);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ApiToken token = new ApiToken(id, sha256(secretText), project, userId, roles, description, now, null);
        store.write(tx -> {
            tx.tokens().insert(token);
            tx.audit().append(new AuditEvent(now, null, null, project.value(), AuthMethod.LOCAL_ADMIN,
                    null, null, Action.TOKEN_CREATE, id, AuditEvent.Outcome.SUCCESS, null));
            return null;
        });
        return new Issued(PREFIX + id + "_" + secretText, token);
    }

    public List<ApiToken> list() {
        return store.read(tx -> tx.tokens().list());
    }

    public void revoke(String tokenId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.write(tx -> {
            if (!tx.tokens().revoke(tokenId, now)) {
                throw new DomainException.NotFound(DomainException.Missing.TOKEN);
            }
            tx.audit().append(new AuditEvent(now, null, null, null, AuthMethod.LOCAL_ADMIN, null, null,
                    Action.TOKEN_REVOKE,
                    tokenId, AuditEvent.Outcome.SUCCESS, null));
            return null;
        });
        verified.invalidate(tokenId);
    }

    /**
     * The audit trail's name for a presented token: {@code token:<id>}, the id being the token's public part; never the
     * secret part. {@code null} for text that is not shaped like a Donjon token.
     */
    public static String auditName(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return null;
        }
        int separator = presented.indexOf('_', PREFIX.length());
        if (separator < 0 || separator - PREFIX.length() != ID_BYTES * 2) {
            return null;
        }
        return "token:" + presented.substring(PREFIX.length(), separator);
    }

    /** Whether a presented token has the shape of a Donjon API token (the others may be Keystone's). */
    public static boolean looksLikeApiToken(String presented) {
        return presented.startsWith(PREFIX);
    }

    /** The principal a presented token stands for, if it is well-formed, known, unrevoked and its secret matches. */
    public Optional<Principal> verify(String presented) {
        if (!presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = presented.indexOf('_', PREFIX.length());
        if (separator < 0) {
            return Optional.empty();
        }
        String id = presented.substring(PREFIX.length(), separator);
        String secretText = presented.substring(separator + 1);
        if (id.length() != ID_BYTES * 2 || secretText.isEmpty()) {
            return Optional.empty();
        }
        pollRevocations();
        ApiToken token = verified.getIfPresent(id);
        if (token == null) {
            token = store.read(tx -> tx.tokens().find(id)).orElse(null);
            if (token == null) {
                return Optional.empty();
            }
            verified.put(id, token);
        }
        if (token.isRevoked() || !MessageDigest.isEqual(token.secretHash(), sha256(secretText))) {
            return Optional.empty();
        }
        return Optional.of(new Principal(token.userId(), token.project(), token.roles(), AuthMethod.API_TOKEN));
    }

    /** One thread per poll interval reads the revocation version; the others go on without waiting. */
    private void pollRevocations() {
        long due = nextPoll.get();
        long now = System.nanoTime();
        if (now - due < 0 || !nextPoll.compareAndSet(due, now + REVOCATION_POLL.toNanos())) {
            return;
        }
        long version = store.read(tx -> tx.tokens().revocationVersion());
        if (version != seenRevocations) {
            verified.invalidateAll();
            seenRevocations = version;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
