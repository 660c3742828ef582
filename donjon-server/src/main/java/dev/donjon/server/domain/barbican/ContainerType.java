package dev.donjon.server.domain.barbican;

import java.util.Optional;
import java.util.Set;

/** Barbican's container types and the reference names each allows and requires. */
public enum ContainerType {
    GENERIC("generic", Set.of(), Set.of()),
    RSA("rsa", Set.of("private_key", "public_key", "private_key_passphrase"), Set.of("private_key", "public_key")),
    CERTIFICATE("certificate", Set.of("certificate", "private_key", "private_key_passphrase", "intermediates"),
            Set.of("certificate"));

    private final String wireName;
    private final Set<String> allowedNames;
    private final Set<String> requiredNames;

    ContainerType(String wireName, Set<String> allowedNames, Set<String> requiredNames) {
        this.wireName = wireName;
        this.allowedNames = allowedNames;
        this.requiredNames = requiredNames;
    }

    public String wireName() {
        return wireName;
    }

    /** Empty for generic containers, which take any name. */
    public Set<String> allowedNames() {
        return allowedNames;
    }

    public Set<String> requiredNames() {
        return requiredNames;
    }

    public static Optional<ContainerType> fromWire(String name) {
        for (ContainerType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
