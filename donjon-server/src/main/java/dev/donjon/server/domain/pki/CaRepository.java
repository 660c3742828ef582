package dev.donjon.server.domain.pki;

import dev.donjon.server.domain.barbican.OrderId;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The CAs, what they issued and revoked, projects' preferred CAs, and certificate requests awaiting approval. */
public interface CaRepository {
    /** @return {@code false} if this is a second root (another node made one first) */
    boolean insert(CertificateAuthority ca);

    Optional<CertificateAuthority> find(CaId id);

    Optional<CertificateAuthority> root();

    /** The CAs of every project and those of {@code project}, oldest first. */
    List<CertificateAuthority> usableBy(ProjectId project);

    void setApprovalRequired(CaId id, boolean required);

    Optional<CaId> preferred(ProjectId project);

    void setPreferred(ProjectId project, CaId ca, Instant at);

    boolean clearPreferred(ProjectId project);

    void recordIssued(IssuedCertificate issued);

    Optional<IssuedCertificate> issuedAs(SecretId certificate);

    Optional<IssuedCertificate> issued(CaId ca, String serial);

    /** @return {@code false} if the certificate is unknown or already revoked */
    boolean revoke(CaId ca, String serial, IssuedCertificate.Revocation revocation);

    /** The revoked certificates of a CA that have not expired by {@code now}. */
    List<IssuedCertificate> revoked(CaId ca, Instant now);

    void insertPending(PendingRequest request);

    Optional<PendingRequest> pending(OrderId order);

    boolean deletePending(OrderId order);
}
