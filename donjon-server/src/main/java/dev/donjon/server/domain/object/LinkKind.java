package dev.donjon.server.domain.object;

import java.util.Optional;

/** How one managed object relates to another (KMIP's Link Type). */
public enum LinkKind {
    CERTIFICATE("certificate"),
    PUBLIC_KEY("public-key"),
    PRIVATE_KEY("private-key"),
    DERIVATION_BASE_OBJECT("derivation-base-object"),
    DERIVED_KEY("derived-key"),
    REPLACEMENT_OBJECT("replacement-object"),
    REPLACED_OBJECT("replaced-object"),
    PARENT("parent"),
    CHILD("child"),
    PREVIOUS("previous"),
    NEXT("next"),
    PKCS12_CERTIFICATE("pkcs12-certificate"),
    PKCS12_PASSWORD("pkcs12-password"),
    WRAPPING_KEY("wrapping-key");

    private final String storedName;

    LinkKind(String storedName) {
        this.storedName = storedName;
    }

    public String storedName() {
        return storedName;
    }

    public static Optional<LinkKind> fromStoredName(String name) {
        for (LinkKind kind : values()) {
            if (kind.storedName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
