package dev.donjon.server.domain.access;

import dev.donjon.server.domain.ProjectId;
import java.util.EnumSet;
import java.util.Set;

/**
 * The authenticated caller every domain call runs as.
 *
 * @param userId  the user, or {@code null} when the authenticator does not name one (Barbican then records no creator)
 * @param project the project the caller acts in
 * @param roles   the roles the caller holds in that project
 * @param domain  the identity domain the user belongs to, when the authenticator names one (Keystone), else
 *                {@code null}
 * @param systemScoped whether the caller was authenticated for the whole deployment rather than one project
 *                (a Keystone system-scoped token); {@code project} is then {@link #SYSTEM_PROJECT}, which owns nothing
 */
public record Principal(String userId, ProjectId project, Set<Role> roles, AuthMethod method, String domain,
                        boolean systemScoped) {
    /** The project a system-scoped caller acts in: a name Keystone never gives a project (its ids are hex). */
    public static final ProjectId SYSTEM_PROJECT = new ProjectId("system:all");

    /** A project-scoped caller whose authenticator names no domain. */
    public Principal(String userId, ProjectId project, Set<Role> roles, AuthMethod method) {
        this(userId, project, roles, method, null, false);
    }

    public Principal {
        if (project == null || method == null) {
            throw new IllegalArgumentException("principal needs a project and an authentication method");
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Set<Role> wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
