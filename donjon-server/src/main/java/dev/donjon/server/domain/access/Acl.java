package dev.donjon.server.domain.access;

import java.time.Instant;
import java.util.List;

/**
 * Who may read a secret or a container beyond its project's roles: Barbican's {@code read} ACL, the only operation it
 * has. {@code projectAccess = false} makes the object private to its creator, the project's admins and the listed
 * users; the listed users may read it from any project, whatever their roles.
 *
 * @param created {@code null} for the default ACL of an object nobody set one on
 */
public record Acl(boolean projectAccess, List<String> users, Instant created, Instant updated) {
    public static final Acl DEFAULT = new Acl(true, List.of(), null, null);

    public Acl {
        users = List.copyOf(users);
    }

    public boolean isDefault() {
        return created == null;
    }

    public boolean lists(String userId) {
        return userId != null && users.contains(userId);
    }

    /**
     * A change to an ACL: {@code null} fields keep their value under PATCH and take the default under PUT.
     */
    public record Change(Boolean projectAccess, List<String> users) {
    }
}
