package dev.donjon.server.domain.pki;

import dev.donjon.server.crypto.BcX509Engine;
import dev.donjon.server.crypto.KeyHierarchy;
import dev.donjon.server.crypto.SoftwareMasterKeystore;
import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.Quotas;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.store.JdbcStore;
import dev.donjon.server.store.StoreConfig;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import static dev.donjon.server.domain.pki.TestRequests.certificate;
import static dev.donjon.server.domain.pki.TestRequests.crl;
import static dev.donjon.server.domain.pki.TestRequests.csr;
import static dev.donjon.server.domain.pki.TestRequests.rsa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CA rules in-process, over a real SQLite store, key hierarchy and BouncyCastle engine. */
class CaServiceTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CaService.Endpoints ENDPOINTS = new CaService.Endpoints() {
        @Override
        public String crl(CaId ca) {
            return "https://kms.example.com/pki/cas/" + ca + "/crl";
        }

        @Override
        public String certificate(CaId ca) {
            return "https://kms.example.com/pki/cas/" + ca + "/certificate";
        }
    };

    @TempDir
    Path directory;
    private JdbcStore store;
    private SoftwareMasterKeystore master;
    private CaService cas;
    private BcX509Engine x509;

    @BeforeEach
    void open() {
        store = JdbcStore.open(StoreConfig.of("jdbc:sqlite:" + directory.resolve("donjon.db")));
        master = SoftwareMasterKeystore.openOrCreate(directory.resolve("master-keys"), RANDOM);
        x509 = new BcX509Engine(RANDOM);
        cas = new CaService(store, new AccessPolicy(), Clock.systemUTC(), Quotas.unlimited(),
                new KeyHierarchy(master, store, RANDOM, Clock.systemUTC()), x509, ENDPOINTS);
    }

    @AfterEach
    void close() {
        store.close();
        master.close();
    }

    private static CallContext call(String project, Role... roles) {
        return new CallContext(new Principal("user-" + project, new ProjectId(project), Set.of(roles),
                AuthMethod.TRUSTED_HEADERS), "req-test");
    }

    @Test
    void theRootIsMadeOnceAndIsASelfSignedCa() throws Exception {
        CertificateAuthority root = cas.ensureRoot();
        assertThat(cas.ensureRoot().id()).isEqualTo(root.id());
        X509Certificate certificate = certificate(root.certificate());
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(certificate.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(root.subjectDn()).startsWith("CN=Donjon Root CA ").endsWith(",O=Donjon");
        assertThat(cas.list(call("p1", Role.OBSERVER))).extracting(CertificateAuthority::id).containsExactly(root.id());
    }

    @Test
    void aLeafCarriesTheRequestedNamesAndSaneExtensions() throws Exception {
        CertificateAuthority root = cas.ensureRoot();
        KeyPair pair = rsa();
        X509Engine.Subject subject = x509.parseRequest(csr(pair, "CN=www.example.com,O=Example", true));
        X509Certificate leaf = certificate(cas.sign(root, subject).certificate());
        X509Certificate issuer = certificate(root.certificate());

        leaf.verify(issuer.getPublicKey());
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=www.example.com,O=Example");
        assertThat(leaf.getPublicKey()).isEqualTo(pair.getPublic());
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(leaf.getKeyUsage()[2]).as("keyEncipherment").isTrue();
        assertThat(leaf.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactly("www.example.com", "example.com", "10.0.0.1");
        assertThat(leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
        assertThat(leaf.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        assertThat(new String(leaf.getExtensionValue(Extension.cRLDistributionPoints.getId()),
                StandardCharsets.ISO_8859_1)).contains(ENDPOINTS.crl(root.id()));
        assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                .isLessThanOrEqualTo(CaService.LEAF_LIFETIME.plusMinutes(5));
    }

    @Test
    void aHostNameCommonNameBecomesTheNameWhenTheRequestAsksForNone() throws Exception {
        CertificateAuthority root = cas.ensureRoot();
        X509Engine.Subject subject = x509.parseRequest(csr(rsa(), "CN=db.internal.example,O=Example", false));
        X509Certificate leaf = certificate(cas.sign(root, subject).certificate());
        assertThat(leaf.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactly("db.internal.example");
    }

    @Test
    void badRequestsAreNamedInBarbicansWords() throws Exception {
        byte[] request = csr(rsa(), "CN=x", false);
        String pem = new String(request, StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        der[der.length - 5] ^= 0x55;
        assertThatThrownBy(() -> x509.parseRequest(der))
                .isInstanceOf(X509Engine.Unacceptable.class).hasMessage("Signing key incorrect");
        assertThatThrownBy(() -> x509.parseRequest("not a request".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(X509Engine.Unacceptable.class).hasMessage("Bad format");
    }

    @Test
    void ordersUseTheNamedCaTheProjectsPreferredOrTheRoot() {
        CertificateAuthority root = cas.ensureRoot();
        CallContext alice = call("alice", Role.ADMIN);
        assertThat(cas.choose(alice, null).id()).isEqualTo(root.id());
        CertificateAuthority sub = cas.createSubordinate(alice, "alice's CA", root.id(), "CN=Alice CA,O=Alice");
        cas.setPreferred(alice, sub.id());
        assertThat(cas.choose(alice, null).id()).isEqualTo(sub.id());
        assertThat(cas.choose(alice, root.id()).id()).isEqualTo(root.id());

        assertThatThrownBy(() -> cas.choose(call("bob", Role.ADMIN), sub.id()))
                .isInstanceOf(DomainException.Refused.class).hasMessage(CaService.CA_NOT_FOR_PROJECT);
        assertThatThrownBy(() -> cas.choose(alice, CaId.random()))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessage(CaService.INVALID_CA);
        assertThatThrownBy(() -> cas.get(call("bob", Role.ADMIN), sub.id()))
                .isInstanceOf(DomainException.NotFound.class);
        cas.clearPreferred(alice);
        assertThat(cas.choose(alice, null).id()).isEqualTo(root.id());
    }

    @Test
    void aSubordinateIsChainedToItsParentAndSignsOnlyEndEntities() throws Exception {
        CertificateAuthority root = cas.ensureRoot();
        CallContext alice = call("alice", Role.ADMIN);
        CertificateAuthority sub = cas.createSubordinate(alice, "alice's CA", root.id(), "CN=Alice CA,O=Alice");
        assertThat(sub.chain()).hasSize(2);
        X509Certificate subCertificate = certificate(sub.certificate());
        subCertificate.verify(certificate(root.certificate()).getPublicKey());
        assertThat(subCertificate.getBasicConstraints()).isZero();
        assertThatThrownBy(() -> cas.createSubordinate(alice, "nested", sub.id(), "CN=Nested"))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("cannot sign CAs");
        assertThatThrownBy(() -> cas.createSubordinate(call("alice", Role.CREATOR), "x", root.id(), "CN=X"))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> cas.createSubordinate(alice, "x", root.id(), "not a = valid, ,dn"))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageStartingWith("Invalid subject DN: ");
    }

    @Test
    void aRevokedCertificateIsOnTheCasNextCrl() throws Exception {
        CertificateAuthority root = cas.ensureRoot();
        X509Engine.Issued issued = cas.sign(root, x509.parseRequest(csr(rsa(), "CN=revoked.example", false)));
        SecretId object = SecretId.random();
        store.write(tx -> {
            tx.cas().recordIssued(new IssuedCertificate(root.id(), issued.serial(), object, new ProjectId("alice"),
                    issued.notAfter(), java.time.Instant.now(), null));
            return null;
        });
        X509CRL before = crl(cas.crl(root.id()));
        before.verify(certificate(root.certificate()).getPublicKey());
        assertThat(before.getRevokedCertificates()).isNull();

        assertThatThrownBy(() -> cas.revoke(call("bob", Role.ADMIN), root.id(), object, CrlReason.KEY_COMPROMISE))
                .isInstanceOf(DomainException.NotFound.class);
        cas.revoke(call("alice", Role.CREATOR), root.id(), object, CrlReason.KEY_COMPROMISE);

        X509CRL after = crl(cas.crl(root.id()));
        X509CRLEntry entry = after.getRevokedCertificate(new BigInteger(issued.serial(), 16));
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        assertThat(after.getNextUpdate()).isAfter(after.getThisUpdate());
    }

    @Test
    void anImportedCaMustBeACaWhoseKeyMatches() throws Exception {
        BcX509Engine other = new BcX509Engine(RANDOM);
        java.time.Instant now = java.time.Instant.now();
        try (X509Engine.NewCa made = other.newRoot("CN=Operator CA,O=Operator", now, now.plus(Duration.ofDays(30)));
             X509Engine.NewCa unrelated = other.newRoot("CN=Unrelated", now, now.plus(Duration.ofDays(30)))) {
            byte[] pem = other.pem(made.certificate()).getBytes(StandardCharsets.US_ASCII);
            CallContext serviceAdmin = call("ops", Role.SERVICE_ADMIN);
            assertThatThrownBy(() -> cas.importCa(serviceAdmin, "wrong key", pem, unrelated.privateKey(), null))
                    .isInstanceOf(DomainException.InvalidInput.class)
                    .hasMessage("Invalid CA: the private key does not match the CA certificate");
            assertThatThrownBy(() -> cas.importCa(call("ops", Role.ADMIN), "not allowed", pem, made.privateKey(), null))
                    .isInstanceOf(DomainException.Forbidden.class);
            CertificateAuthority imported = cas.importCa(serviceAdmin, "operator", pem, made.privateKey(), null);
            assertThat(imported.kind()).isEqualTo(CertificateAuthority.Kind.IMPORTED);
            assertThat(imported.subjectDn()).isEqualTo("CN=Operator CA,O=Operator");
            X509Certificate leaf = certificate(cas.sign(cas.choose(call("anyone", Role.CREATOR), imported.id()),
                    x509.parseRequest(csr(rsa(), "CN=svc.example", false))).certificate());
            leaf.verify(certificate(made.certificate()).getPublicKey());
        }
        cas.ensureRoot();
        CertificateAuthority root = cas.ensureRoot();
        byte[] leafPem = x509.pem(cas.sign(root, x509.parseRequest(csr(rsa(), "CN=leaf", false))).certificate())
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> cas.importCa(call("ops", Role.SERVICE_ADMIN), "leaf", leafPem,
                new byte[]{1, 2, 3}, null))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("not a CA certificate");
    }
}
