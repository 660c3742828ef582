package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BatchErrorContinuationOption;
import dev.donjon.kmip.enums.CertificateRequestType;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.LinkType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.State;
import dev.donjon.server.domain.pki.TestRequests;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static dev.donjon.server.kmipserver.Kmip.attribute;
import static dev.donjon.server.kmipserver.Kmip.enumeration;
import static dev.donjon.server.kmipserver.Kmip.integer;
import static dev.donjon.server.kmipserver.Kmip.named;
import static dev.donjon.server.kmipserver.Kmip.structure;
import static dev.donjon.server.kmipserver.Kmip.template;
import static dev.donjon.server.kmipserver.Kmip.text;
import static dev.donjon.server.kmipserver.Kmip.uid;
import static dev.donjon.server.kmipserver.KmipConnection.item;
import static dev.donjon.server.kmipserver.KmipConnection.reason;
import static dev.donjon.server.kmipserver.KmipKeyManagementTest.link;
import static dev.donjon.server.kmipserver.KmipKeyManagementTest.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certify and Re-certify over real mutual TLS: certificates from the project's CA for Donjon-held public keys and for
 * PKCS#10 requests, the Links KMIP defines between certificates and keys, and Revoke reaching the CA's CRL.
 */
class KmipCertifyTest extends KmipServerFixture {
    private static Structure rsaPair(KmipConnection kmip, String publicName) throws Exception {
        return kmip.ok(Operation.CREATE_KEY_PAIR, structure(Tag.COMMON_TEMPLATE_ATTRIBUTE,
                        attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                                CryptographicAlgorithm.RSA)),
                        attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, 2048))),
                structure(Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE),
                structure(Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE, named(publicName)));
    }

    private static X509Certificate certificateOf(KmipConnection kmip, String id) throws Exception {
        Structure got = kmip.ok(Operation.GET, uid(id));
        Structure certificate = got.find(Tag.CERTIFICATE, Structure.class).orElseThrow();
        return TestRequests.certificate(certificate.find(Tag.CERTIFICATE_VALUE, Ttlv.BytesItem.class).orElseThrow()
                .value());
    }

    @Test
    void aDonjonHeldPublicKeyIsCertifiedAndLinkedBothWays() throws Exception {
        try (KmipConnection kmip = connect()) {
            String name = "web-" + UUID.randomUUID();
            Structure pair = rsaPair(kmip, name);
            String publicId = text(pair, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
            String certificateId = text(kmip.ok(Operation.CERTIFY, uid(publicId), template()), Tag.UNIQUE_IDENTIFIER);

            Structure attributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(certificateId));
            assertThat(values(attributes, "Link")).containsExactly(link(LinkType.PUBLIC_KEY_LINK, publicId));
            assertThat(values(attributes, "Object Type")).hasSize(1);
            assertThat(values(attributes, "Certificate Type")).hasSize(1);
            assertThat(values(attributes, "Digest")).hasSize(1);
            assertThat(values(kmip.ok(Operation.GET_ATTRIBUTES, uid(publicId)), "Link"))
                    .contains(link(LinkType.CERTIFICATE_LINK, certificateId));

            X509Certificate certificate = certificateOf(kmip, certificateId);
            assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + name);
            assertThat(certificate.getIssuerX500Principal().getName()).startsWith("CN=Donjon Root CA ");
            assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
            assertThat(certificate.getSubjectAlternativeNames()).as("the name is no host name").isNull();
        }
    }

    @Test
    void aPkcs10RequestIsCertifiedAndAKeyPairIsCertifiedInTheBatchThatCreatesIt() throws Exception {
        try (KmipConnection kmip = connect()) {
            KeyPair pair = TestRequests.rsa();
            byte[] pem = TestRequests.csr(pair, "CN=www.example.com,O=Example", true);
            byte[] der = Base64.getMimeDecoder().decode(new String(pem, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", ""));
            String fromRequest = text(kmip.ok(Operation.CERTIFY,
                    enumeration(Tag.CERTIFICATE_REQUEST_TYPE, CertificateRequestType.PKCS_10),
                    new Ttlv.BytesItem(Tag.CERTIFICATE_REQUEST, der), template()), Tag.UNIQUE_IDENTIFIER);
            X509Certificate certificate = certificateOf(kmip, fromRequest);
            assertThat(certificate.getPublicKey()).isEqualTo(pair.getPublic());
            assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=www.example.com,O=Example");
            assertThat(certificate.getSubjectAlternativeNames()).hasSize(3);

            Structure bad = kmip.call(Operation.CERTIFY,
                    enumeration(Tag.CERTIFICATE_REQUEST_TYPE, CertificateRequestType.PKCS_10),
                    new Ttlv.BytesItem(Tag.CERTIFICATE_REQUEST, "garbage".getBytes(StandardCharsets.US_ASCII)));
            assertThat(reason(bad)).isEqualTo(ResultReason.INVALID_FIELD);
            Structure crmf = kmip.call(Operation.CERTIFY,
                    enumeration(Tag.CERTIFICATE_REQUEST_TYPE, CertificateRequestType.CRMF),
                    new Ttlv.BytesItem(Tag.CERTIFICATE_REQUEST, der));
            assertThat(reason(crmf)).isEqualTo(ResultReason.INVALID_FIELD);

            // Create Key Pair leaves the private key in the ID Placeholder; Certify follows its Public Key Link.
            List<Structure> batch = kmip.batch(BatchErrorContinuationOption.STOP,
                    item(Operation.CREATE_KEY_PAIR, structure(Tag.COMMON_TEMPLATE_ATTRIBUTE,
                            attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                                    CryptographicAlgorithm.EC)),
                            attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)))),
                    item(Operation.CERTIFY, template()),
                    item(Operation.GET));
            Structure created = batch.get(0).find(Tag.RESPONSE_PAYLOAD, Structure.class).orElseThrow();
            Structure certified = batch.get(1).find(Tag.RESPONSE_PAYLOAD, Structure.class).orElseThrow();
            assertThat(batch.get(2).find(Tag.RESPONSE_PAYLOAD, Structure.class).orElseThrow()
                    .find(Tag.CERTIFICATE)).as("the placeholder names the certificate").isPresent();
            assertThat(values(kmip.ok(Operation.GET_ATTRIBUTES, uid(text(certified, Tag.UNIQUE_IDENTIFIER))), "Link"))
                    .containsExactly(link(LinkType.PUBLIC_KEY_LINK, text(created, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER)));
        }
    }

    @Test
    void reCertifyReplacesTheCertificateAndRevokeReachesTheCrl() throws Exception {
        try (KmipConnection kmip = connect()) {
            String name = "svc-" + UUID.randomUUID();
            String publicId = text(rsaPair(kmip, "key-" + name), Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
            String first = text(kmip.ok(Operation.CERTIFY, uid(publicId), template(named(name))),
                    Tag.UNIQUE_IDENTIFIER);
            String second = text(kmip.ok(Operation.RE_CERTIFY, uid(first)), Tag.UNIQUE_IDENTIFIER);

            Structure renewed = kmip.ok(Operation.GET_ATTRIBUTES, uid(second));
            assertThat(values(renewed, "Link")).containsExactlyInAnyOrder(link(LinkType.REPLACED_OBJECT_LINK, first),
                    link(LinkType.PUBLIC_KEY_LINK, publicId));
            assertThat(values(renewed, "Name")).as("the new certificate takes the names").hasSize(1);
            Structure old = kmip.ok(Operation.GET_ATTRIBUTES, uid(first));
            assertThat(values(old, "Link")).contains(link(LinkType.REPLACEMENT_OBJECT_LINK, second));
            assertThat(values(old, "Name")).isEmpty();
            assertThat(values(kmip.ok(Operation.GET_ATTRIBUTES, uid(publicId)), "Link"))
                    .contains(link(LinkType.CERTIFICATE_LINK, second))
                    .doesNotContain(link(LinkType.CERTIFICATE_LINK, first));
            X509Certificate oldCertificate = certificateOf(kmip, first);
            X509Certificate newCertificate = certificateOf(kmip, second);
            assertThat(newCertificate.getPublicKey()).isEqualTo(oldCertificate.getPublicKey());
            assertThat(newCertificate.getSubjectX500Principal()).isEqualTo(oldCertificate.getSubjectX500Principal());
            assertThat(newCertificate.getSerialNumber()).isNotEqualTo(oldCertificate.getSerialNumber());

            kmip.ok(Operation.REVOKE, uid(second), structure(Tag.REVOCATION_REASON,
                    enumeration(Tag.REVOCATION_REASON_CODE, RevocationReasonCode.KEY_COMPROMISE)));
            X509CRL crl = crl(newCertificate);
            assertThat(crl.getRevokedCertificate(newCertificate.getSerialNumber())).isNotNull();
            assertThat(crl.getRevokedCertificate(oldCertificate.getSerialNumber())).isNull();
        }
    }

    @Test
    void aRevocationAtTheCaRevokesTheCertificateObjectToo() throws Exception {
        try (KmipConnection kmip = connect()) {
            String publicId = text(rsaPair(kmip, "key-" + UUID.randomUUID()), Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
            String certificateId = text(kmip.ok(Operation.CERTIFY, uid(publicId)), Tag.UNIQUE_IDENTIFIER);
            X509Certificate certificate = certificateOf(kmip, certificateId);
            String crlUrl = crlUrl(certificate);
            String caId = crlUrl.substring(0, crlUrl.length() - "/crl".length());
            caId = caId.substring(caId.lastIndexOf('/') + 1);

            // The KMIP dev client acts in project "dev"; dev mode trusts the identity headers on REST.
            HttpResponse<String> revoked = HttpClient.newBuilder().sslContext(server.restTls()).build().send(
                    HttpRequest.newBuilder(URI.create(server.restUrl() + "/v1/cas/" + caId + "/revocations"))
                            .header("X-Project-Id", "dev").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"certificate_ref\": \"" + server.restUrl()
                                    + "/v1/secrets/" + certificateId + "\", \"reason\": \"superseded\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

            assertThat(crl(certificate).getRevokedCertificate(certificate.getSerialNumber())).isNotNull();
            Structure attributes = kmip.ok(Operation.GET_ATTRIBUTES, uid(certificateId));
            assertThat(values(attributes, "State"))
                    .containsExactly(new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, State.DEACTIVATED));
        }
    }

    private static String crlUrl(X509Certificate certificate) {
        byte[] extension = ASN1OctetString.getInstance(certificate.getExtensionValue("2.5.29.31")).getOctets();
        DistributionPoint point = CRLDistPoint.getInstance(extension).getDistributionPoints()[0];
        GeneralName name = GeneralNames.getInstance(point.getDistributionPoint().getName()).getNames()[0];
        return DERIA5String.getInstance(name.getName()).getString();
    }

    /** The CRL at the certificate's distribution point, fetched without credentials. */
    private X509CRL crl(X509Certificate certificate) throws Exception {
        String url = crlUrl(certificate);
        assertThat(url).startsWith(server.restUrl());
        HttpResponse<byte[]> response = HttpClient.newBuilder().sslContext(server.restTls()).build()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return TestRequests.crl(response.body());
    }
}
