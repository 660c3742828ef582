package dev.donjon.server.domain.barbican;

import java.util.Optional;

/** Barbican's secret types; each maps onto one KMIP object type. */
public enum SecretType {
    SYMMETRIC("symmetric"),
    PUBLIC("public"),
    PRIVATE("private"),
    PASSPHRASE("passphrase"),
    CERTIFICATE("certificate"),
    OPAQUE("opaque");

    private final String wireName;

    SecretType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SecretType> fromWire(String name) {
        for (SecretType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
