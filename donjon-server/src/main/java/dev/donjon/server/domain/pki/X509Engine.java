package dev.donjon.server.domain.pki;

import dev.donjon.server.domain.object.KeyGenerator.AsymmetricAlgorithm;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The PKIX formats the CAs need: parsing certification requests and keys, signing certificates and CRLs. Values cross
 * this port as DER bytes and RFC 4514 strings, so the domain holds no JCA or ASN.1 types. Implementations use a
 * standard PKIX library, never hand-written ASN.1.
 */
public interface X509Engine {
    /** The input is not what it claims to be; the message says what is wrong, in Barbican's words where it has some. */
    final class Unacceptable extends Exception {
        public Unacceptable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * What a certificate is issued for: a subject, its public key, and the names a certification request asked
     * for.
     *
     * @param subjectDn     RFC 4514
     * @param publicKeyInfo DER SubjectPublicKeyInfo
     * @param dnsNames      subjectAltName dNSName entries
     * @param ipAddresses   subjectAltName iPAddress entries, textual
     * @param emails        subjectAltName rfc822Name entries
     */
    record Subject(String subjectDn, byte[] publicKeyInfo, List<String> dnsNames, List<String> ipAddresses,
                   List<String> emails) {
        public Subject {
            publicKeyInfo = publicKeyInfo.clone();
            dnsNames = List.copyOf(dnsNames);
            ipAddresses = List.copyOf(ipAddresses);
            emails = List.copyOf(emails);
        }

        @Override
        public byte[] publicKeyInfo() {
            return publicKeyInfo.clone();
        }
    }

    /**
     * A CA able to sign: its certificate and its PKCS#8 private key, which {@link #close()} wipes.
     *
     * @param crlUrl the URL of the CA's CRL, named in what it signs
     * @param issuerUrl the URL of the CA's certificate (DER), named in what it signs (Authority Information Access)
     */
    record Signer(byte[] certificate, byte[] privateKey, String crlUrl, String issuerUrl) implements AutoCloseable {
        @Override
        public void close() {
            Arrays.fill(privateKey, (byte) 0);
        }

        @Override
        public String toString() {
            return "Signer[" + certificate.length + " bytes certificate]";
        }
    }

    /** A new CA key and certificate; {@link #close()} wipes the PKCS#8 key. */
    record NewCa(byte[] certificate, byte[] privateKey, String subjectDn, Instant notAfter) implements AutoCloseable {
        @Override
        public void close() {
            Arrays.fill(privateKey, (byte) 0);
        }

        @Override
        public String toString() {
            return "NewCa[" + subjectDn + "]";
        }
    }

    /** @param serial lower-case hexadecimal */
    record Issued(byte[] certificate, String serial, Instant notAfter) {
    }

    /** @param serial lower-case hexadecimal */
    record RevokedEntry(String serial, Instant at, CrlReason reason) {
    }

    /** Parses a PEM or DER PKCS#10 request and checks its self-signature. */
    Subject parseRequest(byte[] request) throws Unacceptable;

    /**
     * The public key of a private key (PEM or DER; PKCS#8, encrypted PKCS#8 or PKCS#1), for certificates of keys
     * Donjon holds.
     *
     * @param passphrase for an encrypted key, or {@code null}
     */
    byte[] publicKeyOf(byte[] privateKey, char[] passphrase) throws Unacceptable;

    /** A PEM or DER SubjectPublicKeyInfo (or PKCS#1 RSA public key) as DER SubjectPublicKeyInfo. */
    byte[] publicKeyInfo(byte[] publicKey) throws Unacceptable;

    /** The distinguished name in RFC 4514 form, or why it is not one. */
    String distinguishedName(String text) throws Unacceptable;

    /** A self-signed root CA with a new key. */
    NewCa newRoot(String subjectDn, Instant notBefore, Instant notAfter);

    /** A subordinate CA with a new key, signed by {@code parent}; it may sign end-entity certificates only. */
    NewCa newSubordinate(Signer parent, String subjectDn, Instant notBefore, Instant notAfter);

    /**
     * Checks an operator's CA: the certificates (PEM, the CA's first, then its issuers) must be CA certificates
     * allowed to sign certificates and CRLs, and the key must match the first.
     *
     * @return the chain as DER, and the key as PKCS#8 DER
     */
    NewCa importCa(byte[] certificatesPem, byte[] privateKey, char[] passphrase) throws Unacceptable;

    /** The certificates of a PEM bundle, as DER. */
    List<byte[]> certificates(byte[] pem) throws Unacceptable;

    /**
     * An end-entity certificate for {@code subject}: serverAuth and clientAuth, key usage fitting its key type, the
     * requested names as subjectAltName, and the signer's CRL and certificate URLs.
     */
    Issued issue(Signer signer, Subject subject, Instant notBefore, Instant notAfter);

    /** A CRL over {@code revoked}, numbered {@code number}. */
    byte[] crl(Signer signer, List<RevokedEntry> revoked, long number, Instant thisUpdate, Instant nextUpdate);

    /** The subject, public key and subjectAltName names of a certificate (PEM or DER), to certify them again. */
    Subject subjectOf(byte[] certificate) throws Unacceptable;

    /** Subject, serial and validity of a DER certificate. */
    Described describe(byte[] certificate);

    /** @param serial lower-case hexadecimal */
    record Described(String subjectDn, String issuerDn, String serial, Instant notBefore, Instant notAfter) {
    }

    /**
     * What a DER certificate says about itself, for the attributes a key manager records from it (KMIP's certificate
     * attributes).
     *
     * @param subjectName        the subject's distinguished name, DER
     * @param issuerName         the issuer's distinguished name, DER
     * @param subjectDn          RFC 2253 (the form KMIP 1.x's text attributes carry)
     * @param issuerDn           RFC 2253
     * @param signatureAlgorithm the OID of the certificate's signature algorithm
     * @param subjectComponents  the subject's name components from the left (most significant) end
     * @param issuerComponents   the issuer's
     * @param keyAlgorithm       empty for a key type other than RSA, DSA and EC
     * @param keyLength          the modulus', field's or prime's bits, with {@code keyAlgorithm}
     */
    record Inspected(byte[] subjectName, byte[] issuerName, String subjectDn, String issuerDn, BigInteger serialNumber,
                     String signatureAlgorithm, List<NameComponent> subjectComponents,
                     List<NameComponent> issuerComponents, java.util.Optional<AsymmetricAlgorithm> keyAlgorithm,
                     java.util.Optional<Integer> keyLength) {
        public Inspected {
            subjectName = subjectName.clone();
            issuerName = issuerName.clone();
            subjectComponents = List.copyOf(subjectComponents);
            issuerComponents = List.copyOf(issuerComponents);
        }

        @Override
        public byte[] subjectName() {
            return subjectName.clone();
        }

        @Override
        public byte[] issuerName() {
            return issuerName.clone();
        }
    }

    /**
     * One component of a distinguished name.
     *
     * @param type upper-case keyword: CN, O, OU, C, ST, L, DC, UID, EMAIL, SERIALNUMBER, TITLE, DNQUALIFIER, or the
     *             OID of another attribute type
     */
    record NameComponent(String type, String value) {
    }

    /** Reads a DER certificate's names, serial number, signature algorithm and key. */
    Inspected inspect(byte[] certificate) throws Unacceptable;

    String pem(byte[] certificate);

    /** A certs-only PKCS#7 (what {@code openssl crl2pkcs7 -nocrl} writes), PEM: Barbican's intermediates format. */
    String pkcs7(List<byte[]> certificates);

    String crlPem(byte[] crl);
}
