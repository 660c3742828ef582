package dev.donjon.server.store;

import dev.donjon.server.domain.barbican.OrderId;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.pki.CaId;
import dev.donjon.server.domain.pki.CaRepository;
import dev.donjon.server.domain.pki.CertificateAuthority;
import dev.donjon.server.domain.pki.CrlReason;
import dev.donjon.server.domain.pki.IssuedCertificate;
import dev.donjon.server.domain.pki.PendingRequest;
import dev.donjon.server.domain.pki.X509Engine;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** CAs and their certificates (V7); serials are lower-case hex, reasons their wire names. */
final class JdbcCaRepository implements CaRepository {
    private static final String CA_COLUMNS = "id, name, kind, project, parent_id, subject_dn, not_after, "
            + "key_kek_version, key_ciphertext, approval_required, created";
    private static final String ISSUED_COLUMNS = "ca_id, serial, certificate_id, project, not_after, issued, "
            + "revoked_at, revoked_reason";

    private final Handle handle;

    JdbcCaRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public boolean insert(CertificateAuthority ca) {
        if (ca.kind() == CertificateAuthority.Kind.ROOT && root().isPresent()) {
            return false;
        }
        handle.createUpdate("INSERT INTO pki_cas (" + CA_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, ca.id().toString())
                .bind(1, ca.name())
                .bind(2, ca.kind().name())
                .bind(3, ca.project() == null ? null : ca.project().value())
                .bind(4, ca.parent() == null ? null : ca.parent().toString())
                .bind(5, ca.subjectDn())
                .bind(6, EpochMicros.floor(ca.notAfter()))
                .bind(7, ca.sealedKey().kekVersion())
                .bind(8, ca.sealedKey().ciphertext())
                .bind(9, ca.approvalRequired() ? 1 : 0)
                .bind(10, EpochMicros.floor(ca.created()))
                .execute();
        for (int i = 0; i < ca.chain().size(); i++) {
            handle.createUpdate("INSERT INTO pki_ca_chain (ca_id, position, certificate) VALUES (?, ?, ?)")
                    .bind(0, ca.id().toString())
                    .bind(1, i)
                    .bind(2, ca.chain().get(i))
                    .execute();
        }
        return true;
    }

    @Override
    public Optional<CertificateAuthority> find(CaId id) {
        return handle.createQuery("SELECT " + CA_COLUMNS + " FROM pki_cas WHERE id = ?")
                .bind(0, id.toString())
                .map((rs, ctx) -> ca(rs))
                .findOne();
    }

    @Override
    public Optional<CertificateAuthority> root() {
        return handle.createQuery("SELECT " + CA_COLUMNS + " FROM pki_cas WHERE kind = 'ROOT'")
                .map((rs, ctx) -> ca(rs))
                .findOne();
    }

    @Override
    public List<CertificateAuthority> usableBy(ProjectId project) {
        return handle.createQuery("SELECT " + CA_COLUMNS
                        + " FROM pki_cas WHERE project IS NULL OR project = ? ORDER BY created, id")
                .bind(0, project.value())
                .map((rs, ctx) -> ca(rs))
                .list();
    }

    @Override
    public void setApprovalRequired(CaId id, boolean required) {
        handle.createUpdate("UPDATE pki_cas SET approval_required = ? WHERE id = ?")
                .bind(0, required ? 1 : 0)
                .bind(1, id.toString())
                .execute();
    }

    @Override
    public Optional<CaId> preferred(ProjectId project) {
        return handle.createQuery("SELECT ca_id FROM pki_preferred_cas WHERE project = ?")
                .bind(0, project.value())
                .mapTo(String.class)
                .findOne()
                .map(id -> new CaId(UUID.fromString(id)));
    }

    @Override
    public void setPreferred(ProjectId project, CaId ca, Instant at) {
        long micros = EpochMicros.floor(at);
        handle.createUpdate("""
                        INSERT INTO pki_preferred_cas (project, ca_id, created, updated) VALUES (?, ?, ?, ?)
                        ON CONFLICT (project) DO UPDATE SET ca_id = excluded.ca_id, updated = excluded.updated""")
                .bind(0, project.value())
                .bind(1, ca.toString())
                .bind(2, micros)
                .bind(3, micros)
                .execute();
    }

    @Override
    public boolean clearPreferred(ProjectId project) {
        return handle.createUpdate("DELETE FROM pki_preferred_cas WHERE project = ?")
                .bind(0, project.value()).execute() == 1;
    }

    @Override
    public void recordIssued(IssuedCertificate issued) {
        handle.createUpdate("INSERT INTO pki_issued (" + ISSUED_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, issued.ca().toString())
                .bind(1, issued.serial())
                .bind(2, issued.certificate().toString())
                .bind(3, issued.project().value())
                .bind(4, EpochMicros.floor(issued.notAfter()))
                .bind(5, EpochMicros.floor(issued.issued()))
                .bind(6, issued.revocation() == null ? null : EpochMicros.floor(issued.revocation().at()))
                .bind(7, issued.revocation() == null ? null : issued.revocation().reason().wireName())
                .execute();
    }

    @Override
    public Optional<IssuedCertificate> issuedAs(SecretId certificate) {
        return handle.createQuery("SELECT " + ISSUED_COLUMNS + " FROM pki_issued WHERE certificate_id = ?")
                .bind(0, certificate.toString())
                .map((rs, ctx) -> issued(rs))
                .findFirst();
    }

    @Override
    public Optional<IssuedCertificate> issued(CaId ca, String serial) {
        return handle.createQuery("SELECT " + ISSUED_COLUMNS + " FROM pki_issued WHERE ca_id = ? AND serial = ?")
                .bind(0, ca.toString())
                .bind(1, serial)
                .map((rs, ctx) -> issued(rs))
                .findOne();
    }

    @Override
    public boolean revoke(CaId ca, String serial, IssuedCertificate.Revocation revocation) {
        return handle.createUpdate("UPDATE pki_issued SET revoked_at = ?, revoked_reason = ? "
                        + "WHERE ca_id = ? AND serial = ? AND revoked_at IS NULL")
                .bind(0, EpochMicros.floor(revocation.at()))
                .bind(1, revocation.reason().wireName())
                .bind(2, ca.toString())
                .bind(3, serial)
                .execute() == 1;
    }

    @Override
    public List<IssuedCertificate> revoked(CaId ca, Instant now) {
        return handle.createQuery("SELECT " + ISSUED_COLUMNS + " FROM pki_issued "
                        + "WHERE ca_id = ? AND revoked_at IS NOT NULL AND not_after > ? ORDER BY revoked_at, serial")
                .bind(0, ca.toString())
                .bind(1, EpochMicros.floor(now))
                .map((rs, ctx) -> issued(rs))
                .list();
    }

    @Override
    public void insertPending(PendingRequest request) {
        X509Engine.Subject subject = request.subject();
        handle.createUpdate("""
                        INSERT INTO pki_pending_requests (order_id, ca_id, subject_dn, public_key, dns_names,
                            ip_addresses, emails, private_key_id, passphrase_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .bind(0, request.order().toString())
                .bind(1, request.ca().toString())
                .bind(2, subject.subjectDn())
                .bind(3, subject.publicKeyInfo())
                .bind(4, String.join("\n", subject.dnsNames()))
                .bind(5, String.join("\n", subject.ipAddresses()))
                .bind(6, String.join("\n", subject.emails()))
                .bind(7, request.privateKey() == null ? null : request.privateKey().toString())
                .bind(8, request.privateKeyPassphrase() == null ? null : request.privateKeyPassphrase().toString())
                .execute();
    }

    @Override
    public Optional<PendingRequest> pending(OrderId order) {
        return handle.createQuery("SELECT * FROM pki_pending_requests WHERE order_id = ?")
                .bind(0, order.toString())
                .map((rs, ctx) -> new PendingRequest(order, new CaId(UUID.fromString(rs.getString("ca_id"))),
                        new X509Engine.Subject(rs.getString("subject_dn"), rs.getBytes("public_key"),
                                lines(rs.getString("dns_names")), lines(rs.getString("ip_addresses")),
                                lines(rs.getString("emails"))),
                        secretId(rs.getString("private_key_id")), secretId(rs.getString("passphrase_id"))))
                .findOne();
    }

    @Override
    public boolean deletePending(OrderId order) {
        return handle.createUpdate("DELETE FROM pki_pending_requests WHERE order_id = ?")
                .bind(0, order.toString()).execute() == 1;
    }

    private CertificateAuthority ca(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String project = rs.getString("project");
        String parent = rs.getString("parent_id");
        List<byte[]> chain = handle.createQuery("SELECT certificate FROM pki_ca_chain WHERE ca_id = ? ORDER BY position")
                .bind(0, id)
                .map((row, ctx) -> row.getBytes(1))
                .list();
        return new CertificateAuthority(new CaId(UUID.fromString(id)), rs.getString("name"),
                CertificateAuthority.Kind.valueOf(rs.getString("kind")),
                project == null ? null : new ProjectId(project),
                parent == null ? null : new CaId(UUID.fromString(parent)),
                chain, rs.getString("subject_dn"), EpochMicros.toInstant(rs.getLong("not_after")),
                new SealedPayload(rs.getInt("key_kek_version"), rs.getBytes("key_ciphertext")),
                rs.getInt("approval_required") == 1, EpochMicros.toInstant(rs.getLong("created")));
    }

    private static IssuedCertificate issued(ResultSet rs) throws SQLException {
        long revokedAt = rs.getLong("revoked_at");
        boolean revoked = !rs.wasNull();
        String reason = rs.getString("revoked_reason");
        return new IssuedCertificate(new CaId(UUID.fromString(rs.getString("ca_id"))), rs.getString("serial"),
                new SecretId(UUID.fromString(rs.getString("certificate_id"))), new ProjectId(rs.getString("project")),
                EpochMicros.toInstant(rs.getLong("not_after")), EpochMicros.toInstant(rs.getLong("issued")),
                revoked ? new IssuedCertificate.Revocation(EpochMicros.toInstant(revokedAt),
                        CrlReason.fromWire(reason).orElse(CrlReason.UNSPECIFIED)) : null);
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private static SecretId secretId(String text) {
        return text == null ? null : new SecretId(UUID.fromString(text));
    }
}
