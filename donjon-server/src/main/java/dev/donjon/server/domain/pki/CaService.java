package dev.donjon.server.domain.pki;

import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.DomainException.Missing;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.keys.PayloadProtector;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.Quotas;
import dev.donjon.server.domain.object.Revocation;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.port.StoreTx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Donjon's certificate authorities: the root made at first start, operators' imported CAs and projects' subordinate
 * CAs; which CA a project prefers; signing, revocation and CRLs. Every project may use the root and imported CAs; a
 * subordinate CA is its project's alone.
 */
public final class CaService {
    /** Barbican's {@code InvalidCAID} client message. */
    public static final String INVALID_CA = "The ca_id provided in the request is invalid";
    /** Barbican's {@code CANotDefinedForProject} client message. */
    public static final String CA_NOT_FOR_PROJECT = "The ca_id provided in the request is not defined for this project";

    static final Duration ROOT_LIFETIME = Duration.ofDays(3650);
    static final Duration SUBORDINATE_LIFETIME = Duration.ofDays(1825);
    /** The longest end-entity lifetime CA/Browser Forum baseline requirements allow. */
    static final Duration LEAF_LIFETIME = Duration.ofDays(397);
    /** Relying parties fetch a fresh CRL at least this often; each one served is signed on the spot. */
    static final Duration CRL_LIFETIME = Duration.ofDays(1);
    /** Issued certificates start a little in the past, so that clocks slightly behind accept them at once. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    /** Where relying parties find a CA's CRL and certificate: stable URLs named in what the CA signs. */
    public interface Endpoints {
        String crl(CaId ca);

        String certificate(CaId ca);
    }

    private final Store store;
    private final Guard guard;
    private final Clock clock;
    private final Quotas quotas;
    private final PayloadProtector protector;
    private final X509Engine x509;
    private final Endpoints endpoints;

    public CaService(Store store, AccessPolicy policy, Clock clock, Quotas quotas, PayloadProtector protector,
                     X509Engine x509, Endpoints endpoints) {
        this.store = store;
        this.guard = new Guard(store, policy, clock);
        this.clock = clock;
        this.quotas = quotas;
        this.protector = protector;
        this.x509 = x509;
        this.endpoints = endpoints;
    }

    /**
     * Makes the root CA if there is none yet. Nodes starting together may both try; the store keeps one root and the
     * others adopt it.
     */
    public CertificateAuthority ensureRoot() {
        Optional<CertificateAuthority> existing = store.read(tx -> tx.cas().root());
        if (existing.isPresent()) {
            return existing.get();
        }
        CaId id = CaId.random();
        Instant now = now();
        String dn = "CN=Donjon Root CA " + id.toString().substring(0, 8) + ",O=Donjon";
        try (X509Engine.NewCa made = x509.newRoot(dn, now, now.plus(ROOT_LIFETIME))) {
            CertificateAuthority root = sealed(id, "Donjon Root CA", CertificateAuthority.Kind.ROOT, null, null,
                    List.of(made.certificate()), made, now);
            try {
                if (store.write(tx -> tx.cas().insert(root))) {
                    return root;
                }
            } catch (RuntimeException lostTheRace) {
                // Another node's root committed between the check and this insert (the one-root index refused it).
                return store.read(tx -> tx.cas().root()).orElseThrow(() -> lostTheRace);
            }
            return store.read(tx -> tx.cas().root()).orElseThrow();
        }
    }

    public List<CertificateAuthority> list(CallContext call) {
        guard.authorize(call, Action.CA_LIST, null);
        return store.read(tx -> tx.cas().usableBy(call.principal().project()));
    }

    public CertificateAuthority get(CallContext call, CaId id) {
        guard.authorize(call, Action.CA_READ, id);
        return usable(call, id);
    }

    /** The CA's certificate and its issuers', DER, the CA's first. */
    public List<byte[]> chain(CallContext call, CaId id) {
        return get(call, id).chain();
    }

    /**
     * The CA's current CRL, DER, signed now. Public, as CRLs are: relying parties fetch them without credentials
     * from the URL the certificates name.
     */
    public byte[] crl(CaId id) {
        CertificateAuthority ca = store.read(tx -> tx.cas().find(id))
                .orElseThrow(() -> new DomainException.NotFound(Missing.CERTIFICATE_AUTHORITY));
        Instant now = now().truncatedTo(ChronoUnit.SECONDS);
        List<X509Engine.RevokedEntry> entries = store.read(tx -> tx.cas().revoked(id, now)).stream()
                .map(issued -> new X509Engine.RevokedEntry(issued.serial(), issued.revocation().at(),
                        issued.revocation().reason()))
                .toList();
        try (X509Engine.Signer signer = signer(ca)) {
            // Numbered by time: increasing across nodes and restarts without a counter to coordinate.
            return x509.crl(signer, entries, clock.millis(), now, now.plus(CRL_LIFETIME));
        }
    }

    /** The CA's certificate, DER; public like the CRL (Authority Information Access points here). */
    public byte[] certificate(CaId id) {
        return store.read(tx -> tx.cas().find(id))
                .orElseThrow(() -> new DomainException.NotFound(Missing.CERTIFICATE_AUTHORITY)).certificate();
    }

    /** A subordinate CA of the caller's project, signed by a CA the project may use. */
    public CertificateAuthority createSubordinate(CallContext call, String name, CaId parentId, String subjectDn) {
        guard.authorize(call, Action.CA_CREATE, null);
        ProjectId project = call.principal().project();
        CertificateAuthority parent = store.read(tx -> tx.cas().find(parentId))
                .filter(ca -> ca.usableBy(project))
                .orElseThrow(() -> new DomainException.InvalidInput("Invalid Parent CA: " + parentId));
        if (parent.kind() == CertificateAuthority.Kind.SUBORDINATE) {
            // Subordinates are made to sign end-entity certificates only (path length 0).
            throw new DomainException.InvalidInput("Invalid Parent CA: " + parentId
                    + " is a subordinate CA, which cannot sign CAs");
        }
        String dn = distinguishedName(subjectDn);
        store.read(tx -> {
            quotas.precheck(tx, project, Quotas.Resource.CAS);
            return null;
        });
        CaId id = CaId.random();
        Instant now = now();
        Instant notAfter = earlier(now.plus(SUBORDINATE_LIFETIME), parent.notAfter());
        protector.prepare(project);
        try (X509Engine.Signer parentSigner = signer(parent);
             X509Engine.NewCa made = x509.newSubordinate(parentSigner, dn, now.minus(BACKDATE), notAfter)) {
            List<byte[]> chain = new ArrayList<>();
            chain.add(made.certificate());
            chain.addAll(parent.chain());
            CertificateAuthority ca = sealed(id, name, CertificateAuthority.Kind.SUBORDINATE, project, parent.id(),
                    chain, made, now);
            return store.write(tx -> {
                quotas.check(tx, project, Quotas.Resource.CAS);
                tx.cas().insert(ca);
                Guard.audit(tx, call, now, Action.CA_CREATE, id);
                return ca;
            });
        }
    }

    /** An operator's CA, usable by every project; the service admin's to bring in. */
    public CertificateAuthority importCa(CallContext call, String name, byte[] certificatesPem, byte[] privateKey,
                                         char[] passphrase) {
        guard.authorize(call, Action.CA_IMPORT, null);
        CaId id = CaId.random();
        Instant now = now();
        List<byte[]> chain;
        X509Engine.NewCa imported;
        try {
            chain = x509.certificates(certificatesPem);
            imported = x509.importCa(certificatesPem, privateKey, passphrase);
        } catch (X509Engine.Unacceptable unacceptable) {
            throw new DomainException.InvalidInput("Invalid CA: " + unacceptable.getMessage());
        }
        try (imported) {
            if (!imported.notAfter().isAfter(now)) {
                throw new DomainException.InvalidInput("Invalid CA: the CA certificate has expired");
            }
            CertificateAuthority ca = sealed(id, name, CertificateAuthority.Kind.IMPORTED, null, null, chain,
                    imported, now);
            return store.write(tx -> {
                tx.cas().insert(ca);
                Guard.audit(tx, call, now, Action.CA_IMPORT, id);
                return ca;
            });
        }
    }

    /**
     * Whether certificate orders on this CA wait for a project admin's approval. A CA of every project is the
     * service admin's to change; a subordinate CA its project admin's.
     */
    public CertificateAuthority setApprovalRequired(CallContext call, CaId id, boolean required) {
        guard.authorize(call, Action.CA_MANAGE, id);
        CertificateAuthority ca = usable(call, id);
        keeperOnly(call, ca);
        Instant now = now();
        return store.write(tx -> {
            tx.cas().setApprovalRequired(id, required);
            Guard.audit(tx, call, now, Action.CA_MANAGE, id);
            return ca.withApprovalRequired(required);
        });
    }

    /** The CA the project's certificate orders use when they name none: its preferred one, else the root. */
    public CertificateAuthority preferred(CallContext call) {
        guard.authorize(call, Action.CA_READ, null);
        return preferredOf(call.principal().project());
    }

    public void setPreferred(CallContext call, CaId id) {
        guard.authorize(call, Action.CA_PREFERRED_SET, id);
        usable(call, id);
        Instant now = now();
        store.write(tx -> {
            tx.cas().setPreferred(call.principal().project(), id, now);
            Guard.audit(tx, call, now, Action.CA_PREFERRED_SET, id);
            return null;
        });
    }

    /** Back to the root as the project's CA. */
    public void clearPreferred(CallContext call) {
        guard.authorize(call, Action.CA_PREFERRED_SET, null);
        Instant now = now();
        store.write(tx -> {
            tx.cas().clearPreferred(call.principal().project());
            Guard.audit(tx, call, now, Action.CA_PREFERRED_SET, null);
            return null;
        });
    }

    /**
     * Revokes a certificate the CA issued to the caller's project, named by its certificate object; it is on
     * the CA's CRL from the next fetch on.
     */
    public IssuedCertificate revoke(CallContext call, CaId ca, SecretId certificate, CrlReason reason) {
        guard.authorize(call, Action.CERTIFICATE_REVOKE, certificate);
        Instant now = now().truncatedTo(ChronoUnit.SECONDS);
        return store.write(tx -> {
            IssuedCertificate issued = tx.cas().issuedAs(certificate)
                    .filter(found -> found.project().equals(call.principal().project()) && found.ca().equals(ca))
                    .orElseThrow(() -> new DomainException.NotFound(Missing.ISSUED_CERTIFICATE));
            return revokeIn(tx, call, issued, reason, now);
        });
    }

    /** Revokes by serial number: the CA's keeper's way (the service admin, or the project admin of a subordinate). */
    public IssuedCertificate revokeSerial(CallContext call, CaId id, String serial, CrlReason reason) {
        guard.authorize(call, Action.CA_MANAGE, id);
        CertificateAuthority ca = usable(call, id);
        keeperOnly(call, ca);
        Instant now = now().truncatedTo(ChronoUnit.SECONDS);
        return store.write(tx -> {
            IssuedCertificate issued = tx.cas().issued(id, serial)
                    .orElseThrow(() -> new DomainException.NotFound(Missing.ISSUED_CERTIFICATE));
            return revokeIn(tx, call, issued, reason, now);
        });
    }

    /**
     * Revokes the certificate object inside the caller's transaction if a Donjon CA issued it, for protocols whose
     * revocation of an object covers its certificate (KMIP Revoke). Does nothing for other objects.
     */
    public static void revokeIfIssued(StoreTx tx, SecretId object, CrlReason reason,
                                      Instant at) {
        tx.cas().issuedAs(object).filter(issued -> !issued.revoked()).ifPresent(issued ->
                tx.cas().revoke(issued.ca(), issued.serial(),
                        new IssuedCertificate.Revocation(at.truncatedTo(ChronoUnit.SECONDS), reason)));
    }

    private static IssuedCertificate revokeIn(StoreTx tx, CallContext call,
                                              IssuedCertificate issued, CrlReason reason, Instant now) {
        if (issued.revoked()) {
            return issued;
        }
        IssuedCertificate.Revocation revocation = new IssuedCertificate.Revocation(now, reason);
        tx.cas().revoke(issued.ca(), issued.serial(), revocation);
        // One object, many doors: the certificate object is revoked too (KMIP sees it Deactivated or Compromised),
        // unless its own lifecycle already ended.
        tx.objects().find(issued.certificate()).ifPresent(object -> {
            Revocation why = new Revocation(reason.revocationReason(), "revoked at its CA");
            boolean open = (why.reason().isCompromise() ? object.state().compromised()
                    : object.state().deactivated()).isPresent();
            if (open) {
                tx.objects().updateLifecycle(object.id(), object.lifecycle().revoke(why, null, now), now);
            }
        });
        Guard.audit(tx, call, now, Action.CERTIFICATE_REVOKE, issued.certificate());
        return new IssuedCertificate(issued.ca(), issued.serial(), issued.certificate(), issued.project(),
                issued.notAfter(), issued.issued(), revocation);
    }

    /**
     * The CA an order or a KMIP Certify names, or the project's preferred one, in Barbican's words when it cannot be
     * used.
     */
    public CertificateAuthority choose(CallContext call, CaId requested) {
        ProjectId project = call.principal().project();
        if (requested == null) {
            return preferredOf(project);
        }
        CertificateAuthority ca = store.read(tx -> tx.cas().find(requested))
                .orElseThrow(() -> new DomainException.InvalidInput(INVALID_CA));
        if (!ca.usableBy(project)) {
            throw new DomainException.Refused(CA_NOT_FOR_PROJECT);
        }
        return ca;
    }

    /**
     * Signs an end-entity certificate for {@code subject}. Its lifetime ends with the CA's at the latest.
     *
     * @throws DomainException.InvalidInput when the CA has expired
     */
    public X509Engine.Issued sign(CertificateAuthority ca, X509Engine.Subject subject) {
        Instant now = now().truncatedTo(ChronoUnit.SECONDS);
        if (!ca.notAfter().isAfter(now)) {
            throw new DomainException.InvalidInput("The CA " + ca.id() + " has expired.");
        }
        try (X509Engine.Signer signer = signer(ca)) {
            return x509.issue(signer, subject, now.minus(BACKDATE), earlier(now.plus(LEAF_LIFETIME), ca.notAfter()));
        }
    }

    /** The PEM of a certificate and the certs-only PKCS#7 of a CA's chain: what a certificate container holds. */
    public String pem(byte[] certificate) {
        return x509.pem(certificate);
    }

    public String intermediates(CertificateAuthority ca) {
        return x509.pkcs7(ca.chain());
    }

    /** @throws DomainException.InvalidInput in Barbican's words ({@code InvalidSubjectDN}) */
    public String distinguishedName(String subjectDn) {
        try {
            return x509.distinguishedName(subjectDn);
        } catch (X509Engine.Unacceptable unacceptable) {
            throw new DomainException.InvalidInput("Invalid subject DN: " + subjectDn);
        }
    }

    /** A CA of every project is the service admin's to manage; a project admin manages the project's own. */
    private void keeperOnly(CallContext call, CertificateAuthority ca) {
        if (ca.project() == null && !call.principal().hasAny(Set.of(Role.SERVICE_ADMIN))) {
            guard.deny(call, Action.CA_MANAGE, ca.id(), "a CA of every project");
        }
    }

    private CertificateAuthority preferredOf(ProjectId project) {
        return store.read(tx -> tx.cas().preferred(project).flatMap(id -> tx.cas().find(id))
                .or(() -> tx.cas().root()))
                .orElseThrow(() -> new DomainException.NotFound(Missing.CERTIFICATE_AUTHORITY));
    }

    private CertificateAuthority usable(CallContext call, CaId id) {
        return store.read(tx -> tx.cas().find(id))
                .filter(ca -> ca.usableBy(call.principal().project()))
                .orElseThrow(() -> new DomainException.NotFound(Missing.CERTIFICATE_AUTHORITY));
    }

    private CertificateAuthority sealed(CaId id, String name, CertificateAuthority.Kind kind, ProjectId project,
                                        CaId parent, List<byte[]> chain, X509Engine.NewCa made, Instant now) {
        CertificateAuthority unsealed = new CertificateAuthority(id, name, kind, project, parent, chain,
                made.subjectDn(), made.notAfter(), new SealedPayload(0, new byte[0]), false, now);
        PayloadBinding binding = unsealed.keyBinding();
        SealedPayload key = protector.seal(binding, protector.secretStore(binding.project()), made.privateKey());
        return new CertificateAuthority(id, name, kind, project, parent, chain, made.subjectDn(), made.notAfter(), key,
                false, now);
    }

    private X509Engine.Signer signer(CertificateAuthority ca) {
        byte[] key = protector.open(ca.keyBinding(), ca.sealedKey());
        try {
            return new X509Engine.Signer(ca.certificate(), key.clone(), endpoints.crl(ca.id()),
                    endpoints.certificate(ca.id()));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private Instant now() {
        return guard.now();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
