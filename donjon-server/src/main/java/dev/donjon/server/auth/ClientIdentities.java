package dev.donjon.server.auth;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.port.Store;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who a client certificate stands for, on KMIP and on the REST API alike (one configuration, {@code kmip.identities},
 * for both doors): TLS has already verified its certificate against the trusted client CAs; the configuration
 * says which project and roles the certificate's subject CN acts with. A CN not in the configuration is nobody, and
 * its attempt is audited like any failed authentication.
 */
public final class ClientIdentities {
    private final Map<String, Principal> byCommonName = new HashMap<>();
    private final Store store;
    private final Clock clock;
    private final DonjonConfig.ClientKeys minimumKeys;

    public ClientIdentities(Iterable<DonjonConfig.KmipIdentity> identities, Store store, Clock clock) {
        this(identities, store, clock, DonjonConfig.ClientKeys.DEFAULT);
    }

    /** @param minimumKeys the weakest client certificate keys accepted */
    public ClientIdentities(Iterable<DonjonConfig.KmipIdentity> identities, Store store, Clock clock,
                            DonjonConfig.ClientKeys minimumKeys) {
        this.store = store;
        this.clock = clock;
        this.minimumKeys = minimumKeys;
        for (DonjonConfig.KmipIdentity identity : identities) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            identity.roles().forEach(name -> Role.fromWire(name).ifPresent(roles::add));
            byCommonName.put(identity.commonName(), new Principal(identity.commonName(),
                    new ProjectId(identity.project()), roles, AuthMethod.CLIENT_CERTIFICATE));
        }
    }

    /** The principal of a handshaken session, if its certificate's CN is configured. */
    public Optional<Principal> principal(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return refused(null, "no X.509 client certificate");
            }
            return principal(leaf);
        } catch (SSLPeerUnverifiedException e) {
            return refused(null, "no client certificate");
        }
    }

    /**
     * The principal of a client certificate TLS has verified (KMIP's or the REST API's listener), if its CN is
     * configured and its key strong enough; a refusal is audited.
     */
    public Optional<Principal> principal(X509Certificate leaf) {
        Optional<String> commonName = commonName(leaf);
        Optional<String> weak = weakness(leaf.getPublicKey());
        if (weak.isPresent()) {
            return refused(commonName.orElse(null), weak.get());
        }
        Optional<Principal> principal = commonName.map(byCommonName::get);
        return principal.isPresent() ? principal
                : refused(commonName.orElse(null), "client certificate maps to no identity");
    }

    /**
     * Why a certificate's key is too weak to authenticate with, if it is: the CA may have signed it, but a factored
     * RSA-1024 key lets anyone act as its holder.
     */
    private Optional<String> weakness(PublicKey key) {
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < minimumKeys.minRsaBits()) {
            return Optional.of("client certificate key too weak: RSA " + rsa.getModulus().bitLength()
                    + " bits, at least " + minimumKeys.minRsaBits() + " required");
        }
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize()
                < minimumKeys.minEcBits()) {
            return Optional.of("client certificate key too weak: EC " + ec.getParams().getCurve().getField()
                    .getFieldSize() + " bits, at least " + minimumKeys.minEcBits() + " required");
        }
        return Optional.empty();
    }

    private Optional<Principal> refused(String commonName, String why) {
        store.write(tx -> {
            tx.audit().append(new AuditEvent(clock.instant().truncatedTo(ChronoUnit.MICROS), "kmip-" + UUID.randomUUID(),
                    commonName, null, AuthMethod.CLIENT_CERTIFICATE, null, null, Action.AUTHENTICATE, null,
                    AuditEvent.Outcome.FAILED, why));
            return null;
        });
        return Optional.empty();
    }

    /** The audit trail's name for the session's client certificate: {@code cert-sha256:<fingerprint>}. */
    public static String auditName(javax.net.ssl.SSLSession session) {
        try {
            return fingerprint(session.getPeerCertificates()[0]);
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /**
     * {@code cert-sha256:} and the hex SHA-256 of the certificate's DER: the audit trail's name for a client
     * certificate, and what a peer's configured certificate is compared by (proxy mode, docs/replication.md).
     */
    public static String fingerprint(java.security.cert.Certificate certificate) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return "cert-sha256:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot digest a certificate: " + e.getMessage(), e);
        }
    }

    public static Optional<String> commonName(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        // A subject with several CNs is ambiguous: refuse it rather than pick one.
        if (cns.length != 1 || cns[0].isMultiValued()) {
            return Optional.empty();
        }
        return Optional.of(IETFUtils.valueToString(cns[0].getFirst().getValue()));
    }
}
