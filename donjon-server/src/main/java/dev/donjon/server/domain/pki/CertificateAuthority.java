package dev.donjon.server.domain.pki;

import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;

import java.time.Instant;
import java.util.List;

/**
 * A CA that Donjon signs with. Its private key is sealed under the key hierarchy like any key material, but kept in
 * the CA's own row rather than as a secret: no tenant, not even one that names the system project in a trusted
 * header, can read or delete a CA key through the secrets API or KMIP.
 *
 * @param project          the project a subordinate CA belongs to; {@code null} for CAs every project may use
 * @param parent           the CA that signed this one, {@code null} for the root and imported CAs
 * @param chain            DER certificates, this CA's first, then its issuers up to (and including) a self-signed
 *                         root when one is known
 * @param subjectDn        the CA certificate's subject, RFC 4514
 * @param notAfter         when the CA certificate expires
 * @param sealedKey        the CA's PKCS#8 private key, sealed under {@link #keyBinding()}
 * @param approvalRequired whether certificate orders wait for a project admin's approval before this CA signs
 */
public record CertificateAuthority(CaId id, String name, Kind kind, ProjectId project, CaId parent, List<byte[]> chain,
                                   String subjectDn, Instant notAfter, SealedPayload sealedKey,
                                   boolean approvalRequired, Instant created) {
    /** The project whose key encryption key seals the keys of CAs that belong to no project. */
    public static final ProjectId SYSTEM_PROJECT = new ProjectId("donjon:pki");

    public enum Kind {
        /** Made by Donjon at first start, self-signed. */
        ROOT,
        /** An operator's CA, certificate and key brought in. */
        IMPORTED,
        /** Made by Donjon for one project, signed by a root or imported CA. */
        SUBORDINATE
    }

    public CertificateAuthority {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a CA has a certificate");
        }
    }

    public byte[] certificate() {
        return chain.getFirst().clone();
    }

    /** Whether a caller of {@code caller}'s project may see and use this CA. */
    public boolean usableBy(ProjectId caller) {
        return project == null || project.equals(caller);
    }

    /** What the sealed key is bound to: the CA id (as an object id), the owning project, and the private key type. */
    public PayloadBinding keyBinding() {
        return new PayloadBinding(new SecretId(id.value()), project == null ? SYSTEM_PROJECT : project,
                SecretType.PRIVATE);
    }

    public CertificateAuthority withApprovalRequired(boolean required) {
        return new CertificateAuthority(id, name, kind, project, parent, chain, subjectDn, notAfter, sealedKey,
                required, created);
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + id + ", " + name + ", " + kind + ", " + subjectDn + "]";
    }
}
