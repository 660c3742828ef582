package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CertificateType;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.DigitalSignatureAlgorithm;
import dev.donjon.server.domain.pki.X509Engine;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The attributes the server sets from a registered X.509 certificate (KMIP 1.4 §3.6–3.14, 2.1 §4.6–4.8, §4.22,
 * §4.61–4.63): its type and length, the signature algorithm, the X.509 identifier, subject and issuer (the
 * distinguished names as DER), their deprecated 1.x text forms (Certificate Identifier, Subject, Issuer: RFC 2253
 * names, the serial number in decimal), the 2.x per-component subject and issuer attributes, and the algorithm and
 * length of its public key. Alternative names are not read. The certificate is parsed by the domain's
 * {@link X509Engine}; this class only says which KMIP attribute carries what it read.
 */
final class CertificateAttributes {
    private final X509Engine x509;

    CertificateAttributes(X509Engine x509) {
        this.x509 = x509;
    }

    /** What a certificate says about itself, as server-set attributes. */
    record Derived(List<Entry> attributes, Optional<CryptographicAlgorithm> algorithm, Optional<Integer> length) {
    }

    Derived read(byte[] der) {
        X509Engine.Inspected certificate;
        try {
            certificate = x509.inspect(der);
        } catch (X509Engine.Unacceptable e) {
            throw KmipError.invalidField("Certificate Value is not an X.509 certificate");
        }
        List<Entry> entries = new ArrayList<>();
        add(entries, KmipAttribute.CERTIFICATE_TYPE, new Ttlv.EnumerationItem(Tag.CERTIFICATE_TYPE,
                CertificateType.X_509));
        add(entries, KmipAttribute.CERTIFICATE_LENGTH, new Ttlv.IntegerItem(Tag.CERTIFICATE_LENGTH, der.length));
        signatureAlgorithm(certificate.signatureAlgorithm()).ifPresent(algorithm -> add(entries,
                KmipAttribute.DIGITAL_SIGNATURE_ALGORITHM, new Ttlv.EnumerationItem(Tag.DIGITAL_SIGNATURE_ALGORITHM,
                        algorithm)));
        add(entries, KmipAttribute.X_509_CERTIFICATE_IDENTIFIER, new Structure(Tag.X_509_CERTIFICATE_IDENTIFIER,
                new Ttlv.BytesItem(Tag.ISSUER_DISTINGUISHED_NAME, certificate.issuerName()),
                new Ttlv.BytesItem(Tag.CERTIFICATE_SERIAL_NUMBER, certificate.serialNumber().toByteArray())));
        add(entries, KmipAttribute.X_509_CERTIFICATE_SUBJECT, new Structure(Tag.X_509_CERTIFICATE_SUBJECT,
                new Ttlv.BytesItem(Tag.SUBJECT_DISTINGUISHED_NAME, certificate.subjectName())));
        add(entries, KmipAttribute.X_509_CERTIFICATE_ISSUER, new Structure(Tag.X_509_CERTIFICATE_ISSUER,
                new Ttlv.BytesItem(Tag.ISSUER_DISTINGUISHED_NAME, certificate.issuerName())));
        add(entries, KmipAttribute.CERTIFICATE_IDENTIFIER, new Structure(Tag.CERTIFICATE_IDENTIFIER,
                new Ttlv.TextItem(Tag.ISSUER, certificate.issuerDn()),
                new Ttlv.TextItem(Tag.SERIAL_NUMBER, certificate.serialNumber().toString())));
        add(entries, KmipAttribute.CERTIFICATE_SUBJECT, new Structure(Tag.CERTIFICATE_SUBJECT,
                new Ttlv.TextItem(Tag.CERTIFICATE_SUBJECT_DISTINGUISHED_NAME, certificate.subjectDn())));
        add(entries, KmipAttribute.CERTIFICATE_ISSUER, new Structure(Tag.CERTIFICATE_ISSUER,
                new Ttlv.TextItem(Tag.CERTIFICATE_ISSUER_DISTINGUISHED_NAME, certificate.issuerDn())));
        components(entries, certificate.subjectComponents(), true);
        components(entries, certificate.issuerComponents(), false);
        Optional<CryptographicAlgorithm> algorithm = certificate.keyAlgorithm().map(key -> switch (key) {
            case RSA -> CryptographicAlgorithm.RSA;
            case EC -> CryptographicAlgorithm.EC;
            case DSA -> CryptographicAlgorithm.DSA;
            case ED25519 -> CryptographicAlgorithm.ED25519;
        });
        return new Derived(entries, algorithm, certificate.keyLength());
    }

    /** The 2.x Certificate Subject / Issuer attributes, one instance per name component (multi-valued). */
    private static void components(List<Entry> entries, List<X509Engine.NameComponent> name, boolean subject) {
        int[] counts = new int[KmipAttribute.values().length];
        for (X509Engine.NameComponent component : name) {
            Optional<KmipAttribute> attribute = component(component.type(), subject);
            if (attribute.isEmpty()) {
                continue;
            }
            KmipAttribute known = attribute.get();
            entries.add(new Entry(known.v1Name(), counts[known.ordinal()]++,
                    new Ttlv.TextItem(known.tag(), component.value())));
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
