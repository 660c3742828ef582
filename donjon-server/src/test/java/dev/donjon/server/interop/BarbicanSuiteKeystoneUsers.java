package dev.donjon.server.interop;

import dev.donjon.server.config.DonjonConfig;

import java.time.Duration;
import java.util.List;

/**
 * The Keystone identities Barbican 15.0.1's functional suite logs in as ({@code functionaltests/common/config.py}):
 * the identity admin (Keystone's bootstrap admin), the service admin in project {@code service}, and the RBAC users
 * of projects {@code project_a} and {@code project_b}, made once per Keystone; and the service user Donjon validates
 * tokens with.
 */
final class BarbicanSuiteKeystoneUsers {
    private static final String PASSWORD = "barbican";
    private static final List<String> RBAC_ROLES = List.of("admin", "creator", "creator_2", "observer", "auditor");
    private static String sections;
    private static DonjonConfig.Keystone donjon;

    private BarbicanSuiteKeystoneUsers() {
    }

    /** Creates the suite's users (once) and answers the {@code [identity]} and {@code [rbac_users]} sections. */
    static synchronized String create(KeystoneServer keystone) {
        if (sections != null) {
            return sections;
        }
        String service = keystone.createProject("service");
        KeystoneServer.User serviceAdmin = keystone.createUser("service-admin");
        keystone.grant(serviceAdmin, service, "key-manager:service-admin");
        StringBuilder rbac = new StringBuilder("[rbac_users]\n");
        for (String project : List.of("a", "b")) {
            String projectId = keystone.createProject("project_" + project);
            for (String role : RBAC_ROLES) {
                String name = "project_" + project + "_" + role;
                KeystoneServer.User user = keystone.createUser(name);
                keystone.grant(user, projectId, switch (role) {
                    case "creator_2" -> "creator";
                    case "auditor" -> "audit";
                    default -> role;
                });
                // config.py's option names: admin_a, creator_a, creator_a_2, observer_a, auditor_a, ...
                String option = role.equals("creator_2") ? "creator_" + project + "_2" : role + "_" + project;
                rbac.append(option).append(" = ").append(name).append('\n')
                        .append(option).append("_password = ").append(user.password()).append('\n');
            }
        }
        sections = """
                [identity]
                uri = %s/v3
                version = v3
                username = admin
                password = %s
                project_name = admin
                domain_name = Default
                region = RegionOne
                service_admin = service-admin
                service_admin_project = service
                service_admin_domain = Default
                service_admin_password = %s
                """.formatted(keystone.url(), KeystoneServer.ADMIN_PASSWORD, serviceAdmin.password()) + rbac;
        return sections;
    }

    /** Donjon's own service user (role {@code service} in project {@code donjon-service}), made once. */
    static synchronized DonjonConfig.Keystone donjonService(KeystoneServer keystone) {
        if (donjon == null) {
            String project = keystone.createProject("donjon-service");
            KeystoneServer.User user = keystone.createUser("donjon");
            keystone.grant(user, project, "service");
            donjon = new DonjonConfig.Keystone(keystone.url(), user.name(), user.password(), "donjon-service",
                    "Default", null, DonjonConfig.Keystone.DEFAULT_CACHE_BOUND, Duration.ofSeconds(30), 10_000);
        }
        return donjon;
    }
}
