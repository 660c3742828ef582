package dev.donjon.server.domain.pki;

import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretId;

import java.time.Instant;

/**
 * A certificate a Donjon CA signed, as its CRL needs it.
 *
 * @param serial      the serial number, lower-case hexadecimal without leading zeros
 * @param certificate the certificate object (a Barbican certificate secret, a KMIP Certificate)
 * @param project     the project it was issued to
 * @param revocation  when and why it was revoked, or {@code null}
 */
public record IssuedCertificate(CaId ca, String serial, SecretId certificate, ProjectId project, Instant notAfter,
                                Instant issued, Revocation revocation) {
    /** @param reason an RFC 5280 CRLReason name as {@link CrlReason} spells it */
    public record Revocation(Instant at, CrlReason reason) {
    }

    public boolean revoked() {
        return revocation != null;
    }
}
