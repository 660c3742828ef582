package dev.donjon.server.domain.pki;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** Key pairs, PKCS#10 requests and certificate parsing for the certificate tests. */
public final class TestRequests {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestRequests() {
    }

    public static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    /**
     * A PEM PKCS#10 request for an RFC 4514 subject ({@code CN=host,O=org}), asking for {@code www.example.com},
     * {@code example.com} and {@code 10.0.0.1} as subjectAltName when {@code withNames}.
     */
    public static byte[] csr(KeyPair pair, String subject, boolean withNames) throws Exception {
        X500Name name = new X500Name(String.join(",", List.of(subject.split(",")).reversed()));
        JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(name,
                pair.getPublic());
        if (withNames) {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.dNSName, "www.example.com"),
                    new GeneralName(GeneralName.dNSName, "example.com"),
                    new GeneralName(GeneralName.iPAddress, "10.0.0.1")}));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())).getEncoded();
        return ("-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One certificate, DER or PEM. */
    public static X509Certificate certificate(byte[] encoded) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
    }

    public static X509CRL crl(byte[] encoded) throws GeneralSecurityException {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
    }
}
