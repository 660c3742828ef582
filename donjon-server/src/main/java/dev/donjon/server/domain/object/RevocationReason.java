package dev.donjon.server.domain.object;

import java.util.Optional;

/** Why an object was revoked; a compromise moves it to Compromised, anything else to Deactivated. */
public enum RevocationReason {
    UNSPECIFIED("unspecified"),
    KEY_COMPROMISE("key-compromise"),
    CA_COMPROMISE("ca-compromise"),
    AFFILIATION_CHANGED("affiliation-changed"),
    SUPERSEDED("superseded"),
    CESSATION_OF_OPERATION("cessation-of-operation"),
    PRIVILEGE_WITHDRAWN("privilege-withdrawn");

    private final String storedName;

    RevocationReason(String storedName) {
        this.storedName = storedName;
    }

    public String storedName() {
        return storedName;
    }

    public boolean isCompromise() {
        return this == KEY_COMPROMISE || this == CA_COMPROMISE;
    }

    public static Optional<RevocationReason> fromStoredName(String name) {
        for (RevocationReason reason : values()) {
            if (reason.storedName.equals(name)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
