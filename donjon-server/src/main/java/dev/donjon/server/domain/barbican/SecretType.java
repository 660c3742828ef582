package dev.donjon.server.domain.barbican;

import java.util.Optional;

/**
 * Barbican's secret types, and the two KMIP adds: the Split Key (a part of a key split among several holders, usable
 * for nothing until joined) and the Template (KMIP 1.0–1.4: named attributes that new objects take, no key material of
 * its own); each maps onto one KMIP object type.
 */
public enum SecretType {
    SYMMETRIC("symmetric"),
    PUBLIC("public"),
    PRIVATE("private"),
    PASSPHRASE("passphrase"),
    CERTIFICATE("certificate"),
    OPAQUE("opaque"),
    /** KMIP only: Barbican's API does not create it ({@link #barbican()}); it lists and filters it as any type. */
    SPLIT_KEY("split_key"),
    /** KMIP 1.x only, likewise: its payload is the Template's attributes as the client registered them. */
    TEMPLATE("template");

    private final String wireName;

    SecretType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether Barbican's API knows the type, so that a REST client may create a secret of it. */
    public boolean barbican() {
        return this != SPLIT_KEY && this != TEMPLATE;
    }

    /** The type a stored wire name designates. */
    public static Optional<SecretType> fromWire(String name) {
        for (SecretType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
