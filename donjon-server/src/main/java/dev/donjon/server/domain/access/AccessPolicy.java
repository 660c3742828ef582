package dev.donjon.server.domain.access;

import dev.donjon.server.domain.ProjectId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which caller may perform which action on which object: Barbican's default policy in one table.
 * <p>
 * Each action has a list of grants, each a set of roles and a condition on the object; a caller is allowed if any
 * grant matches. The table is the union of Barbican's two rule sets, read from
 * {@code openstack/barbican barbican/common/policies/*.py} at 22.0.0-61-g2d1ea860 (their legacy rules are the same
 * as in 15.0.1, the captured release):
 * <ul>
 *     <li>the <b>legacy</b> rules (the {@code DeprecatedRule}s: {@code admin}, {@code creator}, {@code observer},
 *     {@code audit}, {@code key-manager:service-admin}), which Barbican enforces by default
 *     ({@code enforce_new_defaults=False});</li>
 *     <li>the <b>secure-RBAC</b> rules (the {@code DocumentedRuleDefault}s: project-scoped {@code reader},
 *     {@code member}, {@code admin}), which Barbican enforces instead when {@code enforce_new_defaults=True}.</li>
 * </ul>
 * Donjon enforces both at once, so that deployments on either role model work unchanged. Two secure-RBAC
 * alternatives are not copied because they would let one project act on another: the bare {@code role:admin} in
 * {@code secret:get}, {@code secret:delete} and {@code consumer:get} (an admin of any project), and {@code role:admin}
 * for {@code project_quotas:*} (Barbican 15 had {@code system_admin} there; Donjon has no system scope, and its
 * {@code admin} is a project's admin): project quotas stay with {@code key-manager:service-admin}.
 * <p>
 * Project isolation is enforced by the services as well: an object of another project is refused unless its ACL
 * opens it ({@link On#ACL_READ}), and a role only ever applies inside the caller's own project. Refused means 403, as
 * Barbican answers (its identifiers are random UUIDs, so the answer reveals nothing guessable, and its clients and
 * tests tell "not yours" from "gone" by it); {@link #foreignObjectsAsMissing()} makes it the 404 of a missing object
 * instead, for operators who want the two indistinguishable.
 */
public final class AccessPolicy {
    private final boolean foreignObjectsAsMissing;

    /** Barbican's answers: another project's object is 403. */
    public AccessPolicy() {
        this(false);
    }

    /** @param foreignObjectsAsMissing answer another project's object exactly as a missing one (404) */
    public AccessPolicy(boolean foreignObjectsAsMissing) {
        this.foreignObjectsAsMissing = foreignObjectsAsMissing;
    }

    /** Whether another project's object is reported missing (404) rather than refused (403). */
    public boolean foreignObjectsAsMissing() {
        return foreignObjectsAsMissing;
    }

    /** The object an action acts on, as far as the rules look at it. */
    public record Target(ProjectId project, String creatorId, Acl acl) {
    }

    /** The condition a grant puts on the object, relative to the caller (Barbican's rule names in brackets). */
    enum On {
        /** No object condition: collections and project-confined objects ({@code *_project_match} at most). */
        ANY,
        /** The caller's project owns the object ({@code *_project_match}). */
        PROJECT,
        /** ... and the caller created it ({@code *_owner}, {@code *_creator_user}). */
        OWNED,
        /** ... and its read ACL leaves project access on ({@code *_is_not_private}, {@code not *_private_read}). */
        SHARED,
        /** The object's read ACL lists the caller, whatever their roles and project ({@code *_acl_read}). */
        ACL_READ
    }

    /** One alternative of a rule: any of {@code roles} (any caller if empty, for ACL grants) under {@code on}. */
    record Grant(Set<Role> roles, On on) {
        boolean heldBy(Principal principal) {
            return roles.isEmpty() || principal.hasAny(roles);
        }
    }

    // Barbican's base rules (base.py).
    private static final Set<Role> ALL_USERS =
            EnumSet.of(Role.ADMIN, Role.CREATOR, Role.OBSERVER, Role.AUDIT, Role.SERVICE_ADMIN);
    private static final Set<Role> ALL_BUT_AUDIT = EnumSet.of(Role.ADMIN, Role.CREATOR, Role.OBSERVER);
    private static final Set<Role> ADMIN_OR_CREATOR = EnumSet.of(Role.ADMIN, Role.CREATOR);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final Set<Role> CREATOR = EnumSet.of(Role.CREATOR);
    private static final Set<Role> SERVICE_ADMIN = EnumSet.of(Role.SERVICE_ADMIN);
    private static final Set<Role> MEMBER = EnumSet.of(Role.MEMBER);
    private static final Set<Role> READER = EnumSet.of(Role.READER);
    private static final Set<Role> ANYONE = EnumSet.noneOf(Role.class);

    private static Grant grant(Set<Role> roles, On on) {
        return new Grant(roles, on);
    }

    private static final Grant ACL_USER = grant(ANYONE, On.ACL_READ);

    /** Legacy reads: {@code *_non_private_read or *_project_creator or *_project_admin or *_acl_read}. */
    private static List<Grant> legacyRead(Set<Role> nonPrivate) {
        return List.of(grant(nonPrivate, On.SHARED), grant(CREATOR, On.OWNED), grant(ADMIN, On.PROJECT), ACL_USER);
    }

    /**
     * Legacy changes: {@code *_project_admin or *_project_creator or (*_project_creator_role and
     * *_non_private_read)}.
     */
    private static final List<Grant> LEGACY_CHANGE =
            List.of(grant(ADMIN, On.PROJECT), grant(CREATOR, On.OWNED), grant(CREATOR, On.SHARED));

    /**
     * Secure-RBAC changes: {@code *_project_admin or (*_project_member and *_owner) or (*_project_member and
     * *_is_not_private)}.
     */
    private static final List<Grant> MEMBER_CHANGE =
            List.of(grant(ADMIN, On.PROJECT), grant(MEMBER, On.OWNED), grant(MEMBER, On.SHARED));

    /** Secure-RBAC reads: the changes above {@code or *_acl_read}. */
    private static final List<Grant> MEMBER_READ = concat(MEMBER_CHANGE, List.of(ACL_USER));

    private static final Map<Action, List<Grant>> RULES = rules();

    private static Map<Action, List<Grant>> rules() {
        Map<Action, List<Grant>> rules = new EnumMap<>(Action.class);
        // secrets.py
        rules.put(Action.SECRET_CREATE, roles(ADMIN_OR_CREATOR, MEMBER));                        // secrets:post
        rules.put(Action.SECRET_LIST, roles(ALL_BUT_AUDIT, MEMBER));                             // secrets:get
        rules.put(Action.SECRET_READ, concat(legacyRead(ALL_USERS), MEMBER_READ));               // secret:get
        rules.put(Action.SECRET_READ_PAYLOAD, concat(legacyRead(ALL_BUT_AUDIT), MEMBER_READ));   // secret:decrypt
        rules.put(Action.SECRET_UPLOAD_PAYLOAD,
                concat(List.of(grant(ADMIN_OR_CREATOR, On.PROJECT)), MEMBER_CHANGE));            // secret:put
        rules.put(Action.SECRET_DELETE, concat(LEGACY_CHANGE, MEMBER_CHANGE));                   // secret:delete
        // secretmeta.py
        rules.put(Action.SECRET_METADATA_READ, concat(legacyRead(ALL_USERS), MEMBER_READ));      // secret_meta:get
        rules.put(Action.SECRET_METADATA_WRITE, concat(LEGACY_CHANGE, MEMBER_CHANGE));   // secret_meta:post/put/delete
        // consumers.py (secret_consumers:*)
        for (Action action : List.of(Action.SECRET_CONSUMER_LIST, Action.SECRET_CONSUMER_CREATE,
                Action.SECRET_CONSUMER_DELETE)) {
            rules.put(action, concat(legacyRead(ALL_USERS), MEMBER_READ));
        }
        // containers.py
        rules.put(Action.CONTAINER_CREATE, roles(ADMIN_OR_CREATOR, MEMBER));                     // containers:post
        rules.put(Action.CONTAINER_LIST, roles(ALL_BUT_AUDIT, MEMBER));                          // containers:get
        rules.put(Action.CONTAINER_READ, concat(legacyRead(ALL_USERS), MEMBER_READ));            // container:get
        rules.put(Action.CONTAINER_DELETE, concat(List.of(grant(ADMIN, On.PROJECT), grant(CREATOR, On.OWNED)),
                MEMBER_CHANGE));                                                                 // container:delete
        rules.put(Action.CONTAINER_SECRET_ADD, concat(LEGACY_CHANGE, MEMBER_CHANGE));      // container_secret:post
        rules.put(Action.CONTAINER_SECRET_REMOVE, concat(LEGACY_CHANGE, MEMBER_CHANGE));   // container_secret:delete
        // consumers.py (container_consumers:*)
        for (Action action : List.of(Action.CONTAINER_CONSUMER_LIST, Action.CONTAINER_CONSUMER_CREATE,
                Action.CONTAINER_CONSUMER_DELETE)) {
            rules.put(action, concat(legacyRead(ALL_USERS), MEMBER_READ));
        }
        // acls.py
        rules.put(Action.SECRET_ACL_READ,
                concat(List.of(grant(ALL_BUT_AUDIT, On.PROJECT)), MEMBER_CHANGE));               // secret_acls:get
        rules.put(Action.SECRET_ACL_WRITE, concat(LEGACY_CHANGE, MEMBER_CHANGE));     // secret_acls:put_patch/delete
        rules.put(Action.CONTAINER_ACL_READ,
                concat(List.of(grant(ALL_BUT_AUDIT, On.PROJECT)), MEMBER_CHANGE));            // container_acls:get
        rules.put(Action.CONTAINER_ACL_WRITE, concat(LEGACY_CHANGE, MEMBER_CHANGE)); // container_acls:put_patch/delete
        // orders.py: every order rule is project-matched; the service confines orders to the caller's project.
        rules.put(Action.ORDER_CREATE, roles(ADMIN_OR_CREATOR, MEMBER));                         // orders:post
        rules.put(Action.ORDER_LIST, roles(ALL_BUT_AUDIT, MEMBER));                              // orders:get
        rules.put(Action.ORDER_READ, roles(ALL_USERS, MEMBER));                                  // order:get
        rules.put(Action.ORDER_DELETE, roles(ADMIN, MEMBER));                                    // order:delete
        // Certificate authorities and certificate orders, after Barbican's CA policy of the releases that had a CA
        // API (cas.py, removed before 15): reading CAs is for every user, managing them for admins; global CAs
        // (root, imported) for the service admin. Approving a certificate order is a project admin's.
        rules.put(Action.ORDER_APPROVE, roles(ADMIN));
        rules.put(Action.CA_LIST, roles(ALL_USERS, READER));
        rules.put(Action.CA_READ, roles(ALL_USERS, READER));
        rules.put(Action.CA_CREATE, roles(ADMIN));
        rules.put(Action.CA_IMPORT, roles(SERVICE_ADMIN));
        rules.put(Action.CA_MANAGE, roles(EnumSet.of(Role.ADMIN, Role.SERVICE_ADMIN)));
        rules.put(Action.CA_PREFERRED_SET, roles(ADMIN));
        rules.put(Action.CERTIFICATE_REVOKE, roles(ADMIN_OR_CREATOR, MEMBER));
        // quotas.py: project_quotas:* keep the service admin only (see the class comment).
        rules.put(Action.QUOTA_READ, roles(ALL_USERS, READER));                                  // quotas:get
        rules.put(Action.PROJECT_QUOTA_READ, roles(SERVICE_ADMIN));                              // project_quotas:get
        rules.put(Action.PROJECT_QUOTA_WRITE, roles(SERVICE_ADMIN));                     // project_quotas:put/delete
        // Donjon's audit trail: a project's admin or auditor reads its project's events, the service admin every
        // project's (AuditEvents confines the others).
        rules.put(Action.AUDIT_READ, roles(EnumSet.of(Role.ADMIN, Role.AUDIT, Role.SERVICE_ADMIN)));
        // secretstores.py
        rules.put(Action.SECRET_STORE_READ, roles(ALL_USERS, READER));     // secretstores:get*, secretstore:get
        rules.put(Action.PREFERRED_STORE_SET, roles(ADMIN));                              // secretstore_preferred:post
        rules.put(Action.PREFERRED_STORE_REMOVE, roles(ADMIN));                         // secretstore_preferred:delete
        // transportkeys.py
        rules.put(Action.TRANSPORT_KEY_LIST, roles(ALL_USERS, READER));                          // transport_keys:get
        // Donjon's own actions (KMIP), after their nearest Barbican rule: changing a secret's state as secret:put,
        // using its key as secret:decrypt.
        rules.put(Action.SECRET_ACTIVATE, roles(ADMIN_OR_CREATOR, MEMBER));
        rules.put(Action.SECRET_REVOKE, roles(ADMIN_OR_CREATOR, MEMBER));
        rules.put(Action.SECRET_USE, roles(ALL_BUT_AUDIT, MEMBER));
        for (Action action : List.of(Action.PROJECT_KEK_CREATE, Action.TOKEN_CREATE, Action.TOKEN_REVOKE,
                Action.AUTHENTICATE, Action.SECRET_EXPIRE, Action.LIFECYCLE_STATE_CHANGE, Action.OBJECT_PURGE,
                Action.MASTER_KEY_ROTATE, Action.MASTER_KEY_REWRAP, Action.MASTER_KEY_RETIRE,
                Action.PROJECT_KEK_ROTATE, Action.PROJECT_KEK_REENCRYPT, Action.PROJECT_KEK_RETIRE, Action.BACKUP,
                Action.RESTORE, Action.TRANSFER_SUMMARY)) {
            rules.put(action, List.of());
        }
        for (Action action : Action.values()) {
            if (!rules.containsKey(action)) {
                throw new IllegalStateException("no rule for " + action);
            }
        }
        return Collections.unmodifiableMap(rules);
    }

    /** Whether the caller's roles allow the action on some object of its own project, ACL grants aside. */
    public boolean permits(Principal principal, Action action) {
        if (principal.method() == AuthMethod.LOCAL_ADMIN) {
            return true;
        }
        for (Grant grant : RULES.get(action)) {
            if (grant.on() != On.ACL_READ && grant.heldBy(principal)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the caller may perform the action on this object (ACL grants included). */
    public boolean permits(Principal principal, Action action, Target target) {
        if (principal.method() == AuthMethod.LOCAL_ADMIN) {
            return target.project().equals(principal.project());
        }
        for (Grant grant : RULES.get(action)) {
            if (grant.heldBy(principal) && holds(grant.on(), principal, target)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the object's read ACL alone opens the action to the caller, from any project and with any role. */
    public boolean opensByAcl(Principal principal, Action action, Target target) {
        return target.acl().lists(principal.userId())
                && RULES.get(action).stream().anyMatch(grant -> grant.on() == On.ACL_READ);
    }

    private static boolean holds(On on, Principal principal, Target target) {
        boolean inProject = target.project().equals(principal.project());
        return switch (on) {
            case ANY, PROJECT -> inProject;
            case OWNED -> inProject && target.creatorId() != null && target.creatorId().equals(principal.userId());
            case SHARED -> inProject && target.acl().projectAccess();
            case ACL_READ -> target.acl().lists(principal.userId());
        };
    }

    /** A rule without object conditions: any of the legacy roles, or any of the secure-RBAC ones. */
    private static List<Grant> roles(Set<Role> legacy, Set<Role> secureRbac) {
        return List.of(grant(legacy, On.ANY), grant(secureRbac, On.ANY));
    }

    private static List<Grant> roles(Set<Role> roles) {
        return List.of(grant(roles, On.ANY));
    }

    private static List<Grant> concat(List<Grant> first, List<Grant> second) {
        List<Grant> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
