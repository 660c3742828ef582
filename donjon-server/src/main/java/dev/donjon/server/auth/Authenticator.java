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
 * even if trusted headers are also present, so a header can never rescue a forged token. Trusted headers are read
 * only when the configuration enabled them, and then exactly as Barbican's unauthenticated-context pipeline does:
 * no {@code X-Roles} means admin.
 */
public final class Authenticator {
    private final ApiTokens tokens;
    private final boolean trustedHeaders;
    private final FailedAuthentications failures;

    public Authenticator(ApiTokens tokens, boolean trustedHeaders, FailedAuthentications failures) {
        this.tokens = tokens;
        this.trustedHeaders = trustedHeaders;
        this.failures = failures;
    }

    /** @param source the client's address, which failures are counted and throttled by */
    public AuthResult authenticate(Credentials credentials, String requestId, String source) {
        if (credentials.apiToken() != null) {
            if (failures.throttled(source)) {
                // Not checked, but counted: the trail's summary says how many requests the address made.
                failures.failed(source, requestId, "API token not checked: address throttled");
                return new AuthResult.Throttled(failures.interval());
            }
            Optional<Principal> principal = tokens.verify(credentials.apiToken());
            if (principal.isPresent()) {
                return new AuthResult.Authenticated(principal.get());
            }
            failures.failed(source, requestId, "invalid or revoked API token");
            return new AuthResult.Rejected("The request you have made requires authentication.");
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
}
