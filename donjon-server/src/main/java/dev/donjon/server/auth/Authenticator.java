package dev.donjon.server.auth;

import dev.donjon.server.domain.Action;
import dev.donjon.server.domain.AuditEvent;
import dev.donjon.server.domain.AuthMethod;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.Principal;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.Role;
import dev.donjon.server.domain.Store;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
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
    private final Store store;
    private final Clock clock;

    public Authenticator(ApiTokens tokens, boolean trustedHeaders, Store store, Clock clock) {
        this.tokens = tokens;
        this.trustedHeaders = trustedHeaders;
        this.store = store;
        this.clock = clock;
    }

    public AuthResult authenticate(Credentials credentials, String requestId) {
        if (credentials.apiToken() != null) {
            Optional<Principal> principal = tokens.verify(credentials.apiToken());
            if (principal.isPresent()) {
                return new AuthResult.Authenticated(principal.get());
            }
            recordFailure(requestId, "invalid or revoked API token");
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

    private void recordFailure(String requestId, String detail) {
        store.write(tx -> {
            tx.audit().append(new AuditEvent(clock.instant().truncatedTo(ChronoUnit.MICROS), requestId, null, null,
                    AuthMethod.API_TOKEN, Action.AUTHENTICATE, null, AuditEvent.Outcome.FAILED, detail));
            return null;
        });
    }
}
