package dev.donjon.server.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which roles may perform which action, after Barbican's default (legacy) policy. Project isolation is enforced by
 * the services, not here: a role only ever applies inside the caller's own project.
 */
public final class AccessPolicy {
    /** Barbican's {@code all_users} rule, which includes the service admin. */
    private static final Set<Role> ALL_USERS =
            EnumSet.of(Role.ADMIN, Role.CREATOR, Role.OBSERVER, Role.AUDIT, Role.SERVICE_ADMIN);
    private static final Set<Role> ALL_BUT_AUDIT = EnumSet.of(Role.ADMIN, Role.CREATOR, Role.OBSERVER);
    private static final Set<Role> ADMIN_OR_CREATOR = EnumSet.of(Role.ADMIN, Role.CREATOR);
    private static final Set<Role> SERVICE_ADMIN = EnumSet.of(Role.SERVICE_ADMIN);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    private final Map<Action, Set<Role>> allowed = new EnumMap<>(Action.class);

    public AccessPolicy() {
        for (Action action : Action.values()) {
            allowed.put(action, switch (action) {
                case SECRET_CREATE, SECRET_UPLOAD_PAYLOAD, SECRET_DELETE, SECRET_METADATA_WRITE -> ADMIN_OR_CREATOR;
                case SECRET_ACTIVATE, SECRET_REVOKE -> ADMIN_OR_CREATOR;
                case SECRET_LIST, SECRET_READ_PAYLOAD, SECRET_USE -> ALL_BUT_AUDIT;
                case SECRET_READ, SECRET_METADATA_READ -> ALL_USERS;
                // Barbican's consumer rules admit every project role (services register as whatever they hold).
                case SECRET_CONSUMER_LIST, SECRET_CONSUMER_CREATE, SECRET_CONSUMER_DELETE -> ALL_USERS;
                case CONTAINER_CREATE, CONTAINER_DELETE, CONTAINER_SECRET_ADD, CONTAINER_SECRET_REMOVE ->
                        ADMIN_OR_CREATOR;
                case CONTAINER_LIST -> ALL_BUT_AUDIT;
                case CONTAINER_READ -> ALL_USERS;
                case CONTAINER_CONSUMER_LIST, CONTAINER_CONSUMER_CREATE, CONTAINER_CONSUMER_DELETE -> ALL_USERS;
                case QUOTA_READ -> ALL_USERS;
                case PROJECT_QUOTA_READ, PROJECT_QUOTA_WRITE -> SERVICE_ADMIN;
                case ORDER_CREATE -> ADMIN_OR_CREATOR;
                case ORDER_LIST -> ALL_BUT_AUDIT;
                case ORDER_READ -> ALL_USERS;
                case ORDER_DELETE -> ADMIN;
                case SECRET_ACL_READ, CONTAINER_ACL_READ -> ALL_BUT_AUDIT;
                case SECRET_ACL_WRITE, CONTAINER_ACL_WRITE -> ADMIN_OR_CREATOR;
                case SECRET_STORE_READ, PREFERRED_STORE_SET, PREFERRED_STORE_REMOVE -> ADMIN;
                case TRANSPORT_KEY_LIST -> ALL_USERS;
                case PROJECT_KEK_CREATE, TOKEN_CREATE, TOKEN_REVOKE, AUTHENTICATE -> EnumSet.noneOf(Role.class);
            });
        }
    }

    public boolean permits(Principal principal, Action action) {
        return principal.method() == AuthMethod.LOCAL_ADMIN || principal.hasAny(allowed.get(action));
    }
}
