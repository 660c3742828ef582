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
 */
public record Principal(String userId, ProjectId project, Set<Role> roles, AuthMethod method) {
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
