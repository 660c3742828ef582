package dev.donjon.server.domain.transfer;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException.LockboxRefused;
import dev.donjon.server.domain.DomainException.LockboxRefused.Reason;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.AuditEvent.Outcome;
import dev.donjon.server.domain.port.Store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Proxy mode (docs/replication.md): a replica server forwards a write it would refuse to the object's owner, with
 * the caller's identity. The proxy asserts the caller (user, project, roles) and binds the assertion to the one
 * request (method, path and query, a SHA-256 of the body), signed with its lockbox signing key; the owner admits the
 * call as that caller only from a peer configured to forward calls, only fresh (60 s) and only once, and then
 * authorises it with its own policy like any other call. The servers authenticate each other by mutual TLS: the
 * owner admits a call only over a connection whose client certificate is the one configured for the forwarding peer
 * (fail closed: a peer without one forwards nothing). Both sides audit: the owner's events name the caller with
 * method {@code proxied} and the proxy as source; the proxy records that it forwarded, and the owner's answer.
 * Forwarded REST calls are asserted for their method, path and body; forwarded KMIP batch items for {@link #KMIP},
 * the protocol version and operation, and the TTLV of their Request Payload.
 */
public final class ProxiedCalls {
    /** The JWS type of an assertion, distinct from lockboxes and reports. */
    public static final String TYPE = "donjon-proxied-call+jws";
    /** How old an assertion may be: it travels with its request, so only the two clocks' difference matters. */
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    /** The "method" of a forwarded KMIP batch item, which no HTTP request has. */
    public static final String KMIP = "KMIP";

    private final Store store;
    private final LockboxSealer sealer;
    private final Clock clock;
    private final String identity;
    private final Map<String, String> trustedProxies;

    /**
     * @param trustedProxies the peers whose forwarded calls this server admits, each with the fingerprint of the TLS
     *                       client certificate it must present ({@code cert-sha256:} and the hex SHA-256 of its DER),
     *                       or an empty text when none is configured (its calls are then refused)
     */
    public ProxiedCalls(Store store, LockboxSealer sealer, Clock clock, String identity,
                        Map<String, String> trustedProxies) {
        this.store = store;
        this.sealer = sealer;
        this.clock = clock;
        this.identity = identity;
        this.trustedProxies = Map.copyOf(trustedProxies);
    }

    public String identity() {
        return identity;
    }

    /** At the proxy: the signed assertion of {@code call}'s caller, for this one request to {@code owner}. */
    public String assertion(CallContext call, String owner, String method, String target, byte[] body) {
        Principal caller = call.principal();
        Map<String, Object> claims = new LinkedHashMap<>();
        if (caller.userId() != null) {
            claims.put("sub", caller.userId());
        }
        claims.put("project", caller.project().value());
        List<String> roles = new ArrayList<>();
        caller.roles().forEach(role -> roles.add(role.wireName()));
        claims.put("roles", roles);
        claims.put("method", method);
        claims.put("target", target);
        claims.put("body_sha256", digest(body));
        claims.put("request_id", call.requestId());
        LockboxHeader header = new LockboxHeader(identity, owner, UUID.randomUUID().toString(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        return sealer.sign(TYPE, header, claims);
    }

    /**
     * At the owner: the call a peer forwarded, as its caller.
     *
     * @param presentedCertificate the fingerprint of the TLS client certificate the call came with, as for
     *                             {@code trustedProxies}, or {@code null} when it came with none
     * @throws LockboxRefused not an assertion, from a peer not trusted to forward calls, over a connection not
     *                        authenticated as that peer, addressed elsewhere, stale, replayed, or asserting another
     *                        request than this one
     */
    public CallContext admit(String assertion, String method, String target, byte[] body, String requestId,
                             String presentedCertificate) {
        LockboxSealer.Statement statement = sealer.verifyStatement(TYPE, assertion);
        LockboxHeader header = statement.header();
        String pinned = trustedProxies.get(header.origin());
        if (pinned == null) {
            throw new LockboxRefused(Reason.UNTRUSTED_ORIGIN, "'" + header.origin()
                    + "' may not forward calls here (lockbox.peers: accept_proxied_calls)");
        }
        if (pinned.isEmpty()) {
            throw new LockboxRefused(Reason.PEER_UNAUTHENTICATED, "no TLS client certificate is configured for '"
                    + header.origin() + "' (lockbox.peers: client_certificate), so its forwarded calls are refused");
        }
        if (!pinned.equals(presentedCertificate)) {
            throw new LockboxRefused(Reason.PEER_UNAUTHENTICATED, "a call forwarded by '" + header.origin()
                    + "' must come over TLS with its configured client certificate (lockbox.peers: "
                    + "client_certificate); this one came with " + (presentedCertificate == null ? "none"
                    : "another"));
        }
        if (!identity.equals(header.recipient())) {
            throw new LockboxRefused(Reason.MISADDRESSED, "the forwarded call is addressed to '"
                    + header.recipient() + "', this server is '" + identity + "'");
        }
        Instant now = clock.instant();
        if (header.issuedAt().isBefore(now.minus(MAX_AGE)) || header.issuedAt().isAfter(now.plus(
                LockboxService.CLOCK_SKEW))) {
            throw new LockboxRefused(Reason.EXPIRED, "the forwarded call was asserted at " + header.issuedAt()
                    + ", not within " + MAX_AGE.toSeconds() + " s of now");
        }
        Map<String, Object> claims = statement.claims();
        if (!method.equals(claims.get("method")) || !target.equals(claims.get("target"))
                || !digest(body).equals(claims.get("body_sha256"))) {
            throw new LockboxRefused(Reason.TAMPERED, "the assertion is for another request than the one it came "
                    + "with");
        }
        if (!(claims.get("project") instanceof String project) || project.isBlank()
                || !(claims.get("roles") instanceof List<?> roleNames)) {
            throw new LockboxRefused(Reason.MALFORMED, "the assertion names no project or roles");
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (Object name : roleNames) {
            Role.fromWire(String.valueOf(name)).ifPresent(roles::add);
        }
        boolean first = store.write(tx -> {
            tx.proxiedCalls().pruneBefore(now.minus(MAX_AGE.multipliedBy(2)));
            return tx.proxiedCalls().claim(header.origin(), header.lockboxId(), now);
        });
        if (!first) {
            throw new LockboxRefused(Reason.REPLAYED, "call " + header.lockboxId() + " forwarded by '"
                    + header.origin() + "' was admitted already");
        }
        String user = claims.get("sub") instanceof String sub ? sub : null;
        return new CallContext(new Principal(user, new ProjectId(project), roles, AuthMethod.PROXIED), requestId,
                null, "proxy " + header.origin() + " (request " + claims.get("request_id") + ")");
    }

    /** At the proxy: records that {@code call} was forwarded to {@code owner} and what it answered. */
    public void recordForwarded(CallContext call, Action action, String objectId, String owner, int status) {
        recordForwarded(call, action, objectId, owner, status < 400, "HTTP " + status);
    }

    /**
     * At the proxy: records that {@code call} was forwarded to {@code owner} and what it answered.
     *
     * @param answer the owner's answer in its protocol's words ({@code HTTP 201}, {@code KMIP Permission Denied})
     */
    public void recordForwarded(CallContext call, Action action, String objectId, String owner, boolean succeeded,
                                String answer) {
        store.record(AuditEvent.of(call, clock.instant().truncatedTo(ChronoUnit.MICROS), action, objectId,
                succeeded ? Outcome.SUCCESS : Outcome.FAILED, "forwarded to the owner '" + owner + "': " + answer));
    }

    private String digest(byte[] body) {
        return sealer.bodyDigest(body == null ? new byte[0] : body);
    }
}
