package dev.donjon.server.auth;

import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Turns presented credentials into a principal. A token, when presented, is authoritative: a bad token is rejected
 * even if trusted headers are also present, so a header can never rescue a forged token. Which authenticator judges
 * a credential: an {@code X-Auth-Token} starting with {@code djt_} is a Donjon API token, any other one a Keystone
 * token (when Keystone is configured); an {@code Authorization: Bearer} token a JWT of a configured issuer; a client
 * certificate maps to an identity as on KMIP (when client certificates are enabled on REST). Trusted headers are read
 * only when the configuration enabled them, and then exactly as Barbican's unauthenticated-context pipeline does: no
 * {@code X-Roles} means admin.
 */
public final class Authenticator {
    private static final String REQUIRES_AUTHENTICATION = "The request you have made requires authentication.";

    private final ApiTokens tokens;
    private final boolean trustedHeaders;
    private final FailedAuthentications failures;
    private final KeystoneTokens keystone;
    private final JwtTokens jwt;
    private final ClientIdentities certificates;

    public Authenticator(ApiTokens tokens, boolean trustedHeaders, FailedAuthentications failures) {
        this(tokens, trustedHeaders, failures, null, null, null);
    }

    /**
     * @param keystone     validates non-Donjon {@code X-Auth-Token}s, or {@code null} when Keystone is not configured
     * @param jwt          validates bearer JWTs, or {@code null} when no issuer is configured
     * @param certificates maps REST client certificates, or {@code null} when they are not an authenticator
     */
    public Authenticator(ApiTokens tokens, boolean trustedHeaders, FailedAuthentications failures,
                         KeystoneTokens keystone, JwtTokens jwt, ClientIdentities certificates) {
        this.tokens = tokens;
        this.trustedHeaders = trustedHeaders;
        this.failures = failures;
        this.keystone = keystone;
        this.jwt = jwt;
        this.certificates = certificates;
    }

    /** @param source the client's address, which failures are counted and throttled by */
    public AuthResult authenticate(Credentials credentials, String requestId, String source) {
        if (credentials.apiToken() != null || credentials.bearer() != null) {
            if (failures.throttled(source)) {
                // Not checked, but counted: the trail's summary says how many requests the address made.
                failures.failed(source, requestId, "token not checked: address throttled");
                return new AuthResult.Throttled(failures.interval());
            }
            return credentials.apiToken() != null ? authToken(credentials.apiToken(), requestId, source)
                    : bearer(credentials.bearer(), requestId, source);
        }
        if (credentials.clientCertificate() != null && certificates != null) {
            Optional<Principal> principal = certificates.principal(credentials.clientCertificate());
            return principal.<AuthResult>map(AuthResult.Authenticated::new)
                    .orElseGet(() -> new AuthResult.Rejected("The client certificate maps to no identity."));
        }
        if (!trustedHeaders) {
            return new AuthResult.Anonymous();
        }
        if (credentials.projectId() == null || credentials.projectId().isBlank()) {
            return new AuthResult.MissingProject();
        }
        ProjectId project;
        try {
            project = new ProjectId(credentials.projectId().trim());
        } catch (DomainException.InvalidInput e) {
            return new AuthResult.MissingProject();
        }
        Set<Role> roles = credentials.roles() == null || credentials.roles().isBlank()
                ? EnumSet.of(Role.ADMIN)
                : RoleList.parse(credentials.roles());
        String user = credentials.userId() == null || credentials.userId().isBlank() ? null : credentials.userId();
        return new AuthResult.Authenticated(new Principal(user, project, roles, AuthMethod.TRUSTED_HEADERS));
    }

    private AuthResult authToken(String token, String requestId, String source) {
        if (keystone == null || ApiTokens.looksLikeApiToken(token)) {
            Optional<Principal> principal = tokens.verify(token);
            if (principal.isPresent()) {
                return new AuthResult.Authenticated(principal.get());
            }
            failures.failed(source, requestId, "invalid or revoked API token");
            return new AuthResult.Rejected(REQUIRES_AUTHENTICATION);
        }
        return switch (keystone.validate(token)) {
            case KeystoneTokens.Outcome.Valid valid -> new AuthResult.Authenticated(valid.principal());
            case KeystoneTokens.Outcome.Invalid invalid -> {
                failures.failed(source, requestId, "Keystone token refused: " + invalid.reason());
                yield new AuthResult.Rejected(REQUIRES_AUTHENTICATION);
            }
            case KeystoneTokens.Outcome.Unavailable unavailable -> new AuthResult.Unavailable(
                    "The identity service (Keystone) is unavailable, so the token cannot be validated; try again "
                            + "later.");
        };
    }

    private AuthResult bearer(String token, String requestId, String source) {
        if (jwt == null) {
            failures.failed(source, requestId, "bearer token presented; no JWT issuer is configured");
            return new AuthResult.Rejected("Bearer tokens are not accepted by this server.");
        }
        return switch (jwt.verify(token)) {
            case JwtTokens.Outcome.Valid valid -> new AuthResult.Authenticated(valid.principal());
            case JwtTokens.Outcome.Invalid invalid -> {
                failures.failed(source, requestId, "JWT refused: " + invalid.reason());
                yield new AuthResult.Rejected("Invalid bearer token: " + invalid.reason());
            }
            case JwtTokens.Outcome.Unavailable unavailable -> new AuthResult.Unavailable(
                    "The identity provider's keys cannot be fetched, so the token cannot be validated; try again "
                            + "later.");
        };
    }
}
