package dev.donjon.server.kmipserver;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.AuthMethod;
import dev.donjon.server.domain.Principal;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.Role;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who a KMIP client is: TLS has already verified its certificate against the trusted client CAs; the configuration
 * says which project and roles the certificate's subject CN acts with. A CN not in the configuration is nobody.
 */
public final class ClientIdentities {
    private final Map<String, Principal> byCommonName = new HashMap<>();

    public ClientIdentities(Iterable<DonjonConfig.KmipIdentity> identities) {
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
                return Optional.empty();
            }
            return commonName(leaf).map(byCommonName::get);
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    static Optional<String> commonName(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        // A subject with several CNs is ambiguous: refuse it rather than pick one.
        if (cns.length != 1 || cns[0].isMultiValued()) {
            return Optional.empty();
        }
        return Optional.of(IETFUtils.valueToString(cns[0].getFirst().getValue()));
    }
}
