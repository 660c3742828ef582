package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CertificateType;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.DigitalSignatureAlgorithm;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes the server sets from a registered X.509 certificate (KMIP 1.4 §3.6–3.14, 2.1 §4.6–4.8, §4.22,
 * §4.61–4.63): its type and length, the signature algorithm, the X.509 identifier, subject and issuer (the
 * distinguished names as DER), their deprecated 1.x text forms (Certificate Identifier, Subject, Issuer: RFC 2253
 * names, the serial number in decimal), the 2.x per-component subject and issuer attributes, and the algorithm and
 * length of its public key. Alternative names are not read.
 */
final class CertificateAttributes {
    /** Keywords for the name components RFC 2253 prints only as OIDs, so that they can be told apart. */
    private static final Map<String, String> KEYWORDS = Map.of(
            "1.2.840.113549.1.9.1", "EMAIL",
            "2.5.4.5", "SERIALNUMBER",
            "2.5.4.12", "TITLE",
            "2.5.4.46", "DNQUALIFIER");

    private CertificateAttributes() {
    }

    /** What a certificate says about itself, as server-set attributes. */
    record Derived(List<Entry> attributes, Optional<CryptographicAlgorithm> algorithm, Optional<Integer> length) {
    }

    static Derived read(byte[] der) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw KmipError.invalidField("Certificate Value is not an X.509 certificate");
        }
        List<Entry> entries = new ArrayList<>();
        add(entries, KmipAttribute.CERTIFICATE_TYPE, new Ttlv.EnumerationItem(Tag.CERTIFICATE_TYPE,
                CertificateType.X_509));
        add(entries, KmipAttribute.CERTIFICATE_LENGTH, new Ttlv.IntegerItem(Tag.CERTIFICATE_LENGTH, der.length));
        signatureAlgorithm(certificate.getSigAlgOID()).ifPresent(algorithm -> add(entries,
                KmipAttribute.DIGITAL_SIGNATURE_ALGORITHM, new Ttlv.EnumerationItem(Tag.DIGITAL_SIGNATURE_ALGORITHM,
                        algorithm)));
        X500Principal subject = certificate.getSubjectX500Principal();
        X500Principal issuer = certificate.getIssuerX500Principal();
        add(entries, KmipAttribute.X_509_CERTIFICATE_IDENTIFIER, new Structure(Tag.X_509_CERTIFICATE_IDENTIFIER,
                new Ttlv.BytesItem(Tag.ISSUER_DISTINGUISHED_NAME, issuer.getEncoded()),
                new Ttlv.BytesItem(Tag.CERTIFICATE_SERIAL_NUMBER, certificate.getSerialNumber().toByteArray())));
        add(entries, KmipAttribute.X_509_CERTIFICATE_SUBJECT, new Structure(Tag.X_509_CERTIFICATE_SUBJECT,
                new Ttlv.BytesItem(Tag.SUBJECT_DISTINGUISHED_NAME, subject.getEncoded())));
        add(entries, KmipAttribute.X_509_CERTIFICATE_ISSUER, new Structure(Tag.X_509_CERTIFICATE_ISSUER,
                new Ttlv.BytesItem(Tag.ISSUER_DISTINGUISHED_NAME, issuer.getEncoded())));
        add(entries, KmipAttribute.CERTIFICATE_IDENTIFIER, new Structure(Tag.CERTIFICATE_IDENTIFIER,
                new Ttlv.TextItem(Tag.ISSUER, issuer.getName(X500Principal.RFC2253)),
                new Ttlv.TextItem(Tag.SERIAL_NUMBER, certificate.getSerialNumber().toString())));
        add(entries, KmipAttribute.CERTIFICATE_SUBJECT, new Structure(Tag.CERTIFICATE_SUBJECT,
                new Ttlv.TextItem(Tag.CERTIFICATE_SUBJECT_DISTINGUISHED_NAME, subject.getName(X500Principal.RFC2253))));
        add(entries, KmipAttribute.CERTIFICATE_ISSUER, new Structure(Tag.CERTIFICATE_ISSUER,
                new Ttlv.TextItem(Tag.CERTIFICATE_ISSUER_DISTINGUISHED_NAME, issuer.getName(X500Principal.RFC2253))));
        components(entries, subject, true);
        components(entries, issuer, false);
        PublicKey key = certificate.getPublicKey();
        Optional<CryptographicAlgorithm> algorithm = Optional.empty();
        Optional<Integer> length = Optional.empty();
        switch (key) {
            case RSAPublicKey rsa -> {
                algorithm = Optional.of(CryptographicAlgorithm.RSA);
                length = Optional.of(rsa.getModulus().bitLength());
            }
            case ECPublicKey ec -> {
                algorithm = Optional.of(CryptographicAlgorithm.EC);
                length = Optional.of(ec.getParams().getCurve().getField().getFieldSize());
            }
            case DSAPublicKey dsa -> {
                algorithm = Optional.of(CryptographicAlgorithm.DSA);
                length = Optional.of(dsa.getParams().getP().bitLength());
            }
            default -> {
                // Another key type (EdDSA, say): the certificate is kept without a key algorithm.
            }
        }
        return new Derived(entries, algorithm, length);
    }

    /** The 2.x Certificate Subject / Issuer attributes, one instance per name component (multi-valued). */
    private static void components(List<Entry> entries, X500Principal name, boolean subject) {
        LdapName parsed;
        try {
            parsed = new LdapName(name.getName(X500Principal.RFC2253, KEYWORDS));
        } catch (InvalidNameException e) {
            throw KmipError.invalidField("the certificate's distinguished name does not parse");
        }
        int[] counts = new int[KmipAttribute.values().length];
        // LdapName lists the components from the right (least significant) end; a DN reads from the left.
        List<Rdn> rdns = new ArrayList<>(parsed.getRdns());
        java.util.Collections.reverse(rdns);
        for (Rdn rdn : rdns) {
            Optional<KmipAttribute> attribute = component(rdn.getType().toUpperCase(Locale.ROOT), subject);
            if (attribute.isEmpty() || !(rdn.getValue() instanceof String value)) {
                continue;
            }
            KmipAttribute known = attribute.get();
            entries.add(new Entry(known.v1Name(), counts[known.ordinal()]++, new Ttlv.TextItem(known.tag(), value)));
        }
    }

    private static Optional<KmipAttribute> component(String type, boolean subject) {
        return Optional.ofNullable(switch (type) {
            case "CN" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_CN : KmipAttribute.CERTIFICATE_ISSUER_CN;
            case "O" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_O : KmipAttribute.CERTIFICATE_ISSUER_O;
            case "OU" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_OU : KmipAttribute.CERTIFICATE_ISSUER_OU;
            case "EMAIL" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_EMAIL : KmipAttribute.CERTIFICATE_ISSUER_EMAIL;
            case "C" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_C : KmipAttribute.CERTIFICATE_ISSUER_C;
            case "ST" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_ST : KmipAttribute.CERTIFICATE_ISSUER_ST;
            case "L" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_L : KmipAttribute.CERTIFICATE_ISSUER_L;
            case "UID" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_UID : KmipAttribute.CERTIFICATE_ISSUER_UID;
            case "SERIALNUMBER" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_SERIAL_NUMBER
                    : KmipAttribute.CERTIFICATE_ISSUER_SERIAL_NUMBER;
            case "TITLE" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_TITLE : KmipAttribute.CERTIFICATE_ISSUER_TITLE;
            case "DC" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_DC : KmipAttribute.CERTIFICATE_ISSUER_DC;
            case "DNQUALIFIER" -> subject ? KmipAttribute.CERTIFICATE_SUBJECT_DN_QUALIFIER
                    : KmipAttribute.CERTIFICATE_ISSUER_DN_QUALIFIER;
            default -> null;
        });
    }

    /** KMIP's name for the certificate's signature algorithm, by its OID; empty for one KMIP does not list. */
    static Optional<DigitalSignatureAlgorithm> signatureAlgorithm(String oid) {
        return Optional.ofNullable(switch (oid) {
            case "1.2.840.113549.1.1.2" -> DigitalSignatureAlgorithm.MD2_WITH_RSA_ENCRYPTION;
            case "1.2.840.113549.1.1.4" -> DigitalSignatureAlgorithm.MD5_WITH_RSA_ENCRYPTION;
            case "1.2.840.113549.1.1.5" -> DigitalSignatureAlgorithm.SHA_1_WITH_RSA_ENCRYPTION;
            case "1.2.840.113549.1.1.14" -> DigitalSignatureAlgorithm.SHA_224_WITH_RSA_ENCRYPTION;
            case "1.2.840.113549.1.1.11" -> DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION;
            case "1.2.840.113549.1.1.12" -> DigitalSignatureAlgorithm.SHA_384_WITH_RSA_ENCRYPTION;
            case "1.2.840.113549.1.1.13" -> DigitalSignatureAlgorithm.SHA_512_WITH_RSA_ENCRYPTION;
            case "1.2.840.113549.1.1.10" -> DigitalSignatureAlgorithm.RSASSA_PSS;
            case "1.2.840.10040.4.3" -> DigitalSignatureAlgorithm.DSA_WITH_SHA_1;
            case "2.16.840.1.101.3.4.3.1" -> DigitalSignatureAlgorithm.DSA_WITH_SHA224;
            case "2.16.840.1.101.3.4.3.2" -> DigitalSignatureAlgorithm.DSA_WITH_SHA256;
            case "1.2.840.10045.4.1" -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA_1;
            case "1.2.840.10045.4.3.1" -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA224;
            case "1.2.840.10045.4.3.2" -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA256;
            case "1.2.840.10045.4.3.3" -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA384;
            case "1.2.840.10045.4.3.4" -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA512;
            case "2.16.840.1.101.3.4.3.14" -> DigitalSignatureAlgorithm.SHA3_256_WITH_RSA_ENCRYPTION;
            case "2.16.840.1.101.3.4.3.15" -> DigitalSignatureAlgorithm.SHA3_384_WITH_RSA_ENCRYPTION;
            case "2.16.840.1.101.3.4.3.16" -> DigitalSignatureAlgorithm.SHA3_512_WITH_RSA_ENCRYPTION;
            default -> null;
        });
    }

    private static void add(List<Entry> entries, KmipAttribute attribute, Ttlv value) {
        entries.add(new Entry(attribute.v1Name(), 0, value));
    }
}
