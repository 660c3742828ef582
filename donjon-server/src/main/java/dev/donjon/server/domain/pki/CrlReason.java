package dev.donjon.server.domain.pki;

import dev.donjon.server.domain.object.RevocationReason;

import java.util.Locale;
import java.util.Optional;

/** RFC 5280 CRLReason codes a revocation may give (removeFromCRL and the unused value 7 are not revocations). */
public enum CrlReason {
    UNSPECIFIED(0), KEY_COMPROMISE(1), CA_COMPROMISE(2), AFFILIATION_CHANGED(3), SUPERSEDED(4),
    CESSATION_OF_OPERATION(5), CERTIFICATE_HOLD(6), PRIVILEGE_WITHDRAWN(9), AA_COMPROMISE(10);

    private final int code;

    CrlReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The wire name: {@code key_compromise}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The CRL reason of an object's revocation (KMIP Revoke). */
    public static CrlReason of(RevocationReason reason) {
        return switch (reason) {
            case UNSPECIFIED -> UNSPECIFIED;
            case KEY_COMPROMISE -> KEY_COMPROMISE;
            case CA_COMPROMISE -> CA_COMPROMISE;
            case AFFILIATION_CHANGED -> AFFILIATION_CHANGED;
            case SUPERSEDED -> SUPERSEDED;
            case CESSATION_OF_OPERATION -> CESSATION_OF_OPERATION;
            case PRIVILEGE_WITHDRAWN -> PRIVILEGE_WITHDRAWN;
        };
    }

    /**
     * The reason as a managed object's revocation records it: KMIP has no certificate hold (a revoked object stays
     * revoked) and no attribute authority, whose compromise counts as a CA's.
     */
    public RevocationReason revocationReason() {
        return switch (this) {
            case UNSPECIFIED, CERTIFICATE_HOLD -> RevocationReason.UNSPECIFIED;
            case KEY_COMPROMISE -> RevocationReason.KEY_COMPROMISE;
            case CA_COMPROMISE, AA_COMPROMISE -> RevocationReason.CA_COMPROMISE;
            case AFFILIATION_CHANGED -> RevocationReason.AFFILIATION_CHANGED;
            case SUPERSEDED -> RevocationReason.SUPERSEDED;
            case CESSATION_OF_OPERATION -> RevocationReason.CESSATION_OF_OPERATION;
            case PRIVILEGE_WITHDRAWN -> RevocationReason.PRIVILEGE_WITHDRAWN;
        };
    }

    public static Optional<CrlReason> fromWire(String name) {
        for (CrlReason reason : values()) {
            if (reason.wireName().equals(name)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
