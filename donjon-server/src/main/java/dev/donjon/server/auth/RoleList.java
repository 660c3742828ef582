package dev.donjon.server.auth;

import dev.donjon.server.domain.access.Role;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Parses and prints comma-separated role names; unknown names grant nothing and are dropped. */
public final class RoleList {
    private RoleList() {
    }

    public static Set<Role> parse(String commaSeparated) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (commaSeparated == null) {
            return roles;
        }
        for (String name : commaSeparated.split(",")) {
            Optional<Role> role = Role.fromWire(name);
            role.ifPresent(roles::add);
        }
        return roles;
    }

    public static String format(Set<Role> roles) {
        return String.join(",", roles.stream().map(Role::wireName).sorted().toList());
    }
}
