package dev.donjon.server.domain.access;

import java.util.Locale;
import java.util.Optional;

/** Roles of Barbican's policy. Unknown role names are dropped when a principal is built: they grant nothing. */
public enum Role {
    ADMIN("admin"),
    CREATOR("creator"),
    OBSERVER("observer"),
    AUDIT("audit"),
    SERVICE_ADMIN("key-manager:service-admin"),
    READER("reader"),
    MEMBER("member");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWire(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.wireName.equals(normalized)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
