package dev.donjon.server.crypto;

import dev.donjon.server.domain.object.KeyGenerator;
import dev.donjon.server.domain.pki.CrlReason;
import dev.donjon.server.domain.pki.X509Engine;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.CollectionStore;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link X509Engine} on BouncyCastle's PKIX library. CA keys are ECDSA P-256 (fast to make at first start, cheap to
 * verify, accepted by every TLS stack); end-entity keys are whatever the request carries.
 */
public final class BcX509Engine implements X509Engine {
    private static final Pattern DNS_NAME =
            Pattern.compile("(?=.{1,253}$)([A-Za-z0-9*]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");


    private final SecureRandom random;

    public BcX509Engine(SecureRandom random) {
        this.random = random;
    }

    @Override
    public Subject parseRequest(byte[] request) throws Unacceptable {
        PKCS10CertificationRequest csr;
        try {
            csr = looksLikePem(request) ? pemRequest(request) : new PKCS10CertificationRequest(request);
        } catch (IOException | RuntimeException e) {
            throw new Unacceptable("Bad format");
        }
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
                throw new Unacceptable("Signing key incorrect");
            }
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new Unacceptable("Signing key incorrect");
        }
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                GeneralNames names = GeneralNames.fromExtensions(Extensions.getInstance(value),
                        Extension.subjectAlternativeName);
                if (names != null) {
                    collect(names, dns, ips, emails);
                }
            }
        }
        String subjectDn = rfc4514(csr.getSubject());
        try {
            return new Subject(subjectDn, csr.getSubjectPublicKeyInfo().getEncoded(), dns, ips, emails);
        } catch (IOException e) {
            throw new Unacceptable("Bad format");
        }
    }

    private static PKCS10CertificationRequest pemRequest(byte[] pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            if (parser.readObject() instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
            throw new IOException("not a certification request");
        }
    }

    private static void collect(GeneralNames names, List<String> dns, List<String> ips, List<String> emails) {
        for (GeneralName name : names.getNames()) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> dns.add(DERIA5String.getInstance(name.getName()).getString());
                case GeneralName.rfc822Name -> emails.add(DERIA5String.getInstance(name.getName()).getString());
                case GeneralName.iPAddress -> {
                    try {
                        ips.add(InetAddress.getByAddress(DEROctetString.getInstance(name.getName()).getOctets())
                                .getHostAddress());
                    } catch (UnknownHostException e) {
                        // A malformed address is dropped rather than certified.
                    }
                }
                default -> {
                    // Other name forms (URIs, directory names) are not certified from a request.
                }
            }
        }
    }

    @Override
    public byte[] publicKeyOf(byte[] privateKey, char[] passphrase) throws Unacceptable {
        PrivateKeyInfo info = privateKeyInfo(privateKey, passphrase);
        try {
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(info);
            AsymmetricKeyParameter publicKey = switch (key) {
                case RSAPrivateCrtKeyParameters rsa -> new RSAKeyParameters(false, rsa.getModulus(),
                        rsa.getPublicExponent());
                case ECPrivateKeyParameters ec -> new ECPublicKeyParameters(
                        ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
                case Ed25519PrivateKeyParameters ed -> ed.generatePublicKey();
                case Ed448PrivateKeyParameters ed -> ed.generatePublicKey();
                case DSAPrivateKeyParameters dsa -> new DSAPublicKeyParameters(
                        dsa.getParameters().getG().modPow(dsa.getX(), dsa.getParameters().getP()), dsa.getParameters());
                default -> throw new Unacceptable("unsupported private key algorithm");
            };
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new Unacceptable("the private key cannot be read");
        }
    }

    /** The key as PKCS#8, decrypted with the passphrase when it is encrypted. */
    private static PrivateKeyInfo privateKeyInfo(byte[] privateKey, char[] passphrase) throws Unacceptable {
        if (!looksLikePem(privateKey)) {
            try {
                return PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(privateKey));
            } catch (IOException | RuntimeException e) {
                throw new Unacceptable("the private key cannot be read");
            }
        }
        try (PEMParser parser = new PEMParser(new StringReader(new String(privateKey, StandardCharsets.US_ASCII)))) {
            Object object = parser.readObject();
            // BouncyCastle's provider decrypts the PBES2 and OpenSSL-legacy encryptions, whatever the JDK's offer.
            return switch (object) {
                case PrivateKeyInfo info -> info;
                case PEMKeyPair pair -> pair.getPrivateKeyInfo();
                case PKCS8EncryptedPrivateKeyInfo encrypted -> {
                    if (passphrase == null) {
                        throw new Unacceptable("the private key is encrypted and no passphrase was given");
                    }
                    yield encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastleJce.provider()).build(passphrase));
                }
                case PEMEncryptedKeyPair encrypted -> {
                    if (passphrase == null) {
                        throw new Unacceptable("the private key is encrypted and no passphrase was given");
                    }
                    yield encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastleJce.provider()).build(passphrase))
                            .getPrivateKeyInfo();
                }
                case null, default -> throw new Unacceptable("the private key cannot be read");
            };
        } catch (IOException | OperatorCreationException | PKCSException | RuntimeException e) {
            throw new Unacceptable("the private key cannot be read (wrong passphrase?)");
        }
    }

    @Override
    public byte[] publicKeyInfo(byte[] publicKey) throws Unacceptable {
        try {
            if (looksLikePem(publicKey)) {
                try (PEMParser parser = new PEMParser(
                        new StringReader(new String(publicKey, StandardCharsets.US_ASCII)))) {
                    if (parser.readObject() instanceof SubjectPublicKeyInfo info) {
                        return info.getEncoded();
                    }
                    throw new Unacceptable("not a public key");
                }
            }
            ASN1Primitive der = ASN1Primitive.fromByteArray(publicKey);
            try {
                return SubjectPublicKeyInfo.getInstance(der).getEncoded();
            } catch (IllegalArgumentException notSpki) {
                RSAPublicKey rsa = RSAPublicKey.getInstance(der);
                return new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                        DERNull.INSTANCE), rsa).getEncoded();
            }
        } catch (IOException | RuntimeException e) {
            throw new Unacceptable("not a public key");
        }
    }

    @Override
    public String distinguishedName(String text) throws Unacceptable {
        if (text == null || text.isBlank()) {
            throw new Unacceptable("empty");
        }
        try {
            X500Name name = name(text);
            if (name.getRDNs().length == 0) {
                throw new Unacceptable("empty");
            }
            return rfc4514(name);
        } catch (IllegalArgumentException e) {
            throw new Unacceptable(text);
        }
    }

    @Override
    public NewCa newRoot(String subjectDn, Instant notBefore, Instant notAfter) {
        KeyPair pair = caKeyPair();
        X500Name subject = name(subjectDn);
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, serial(), Date.from(notBefore),
                Date.from(notAfter), subject, publicKey);
        BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            byte[] certificate = builder.build(signer(pair.getPrivate())).getEncoded();
            return new NewCa(certificate, pair.getPrivate().getEncoded(), rfc4514(subject), notAfter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public NewCa newSubordinate(Signer parent, String subjectDn, Instant notBefore, Instant notAfter) {
        KeyPair pair = caKeyPair();
        X509CertificateHolder issuer = holder(parent.certificate());
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        X500Name subject = name(subjectDn);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer.getSubject(), serial(),
                Date.from(notBefore), Date.from(notAfter), subject, publicKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            addIdentifiersAndPointers(builder, parent, issuer, publicKey);
            byte[] certificate = builder.build(signer(parent)).getEncoded();
            return new NewCa(certificate, pair.getPrivate().getEncoded(), rfc4514(subject), notAfter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public NewCa importCa(byte[] certificatesPem, byte[] privateKey, char[] passphrase) throws Unacceptable {
        List<byte[]> chain = certificates(certificatesPem);
        X509CertificateHolder ca = holder(chain.getFirst());
        BasicConstraints constraints = BasicConstraints.fromExtensions(ca.getExtensions());
        if (constraints == null || !constraints.isCA()) {
            throw new Unacceptable("the certificate is not a CA certificate (basicConstraints cA is not set)");
        }
        KeyUsage usage = KeyUsage.fromExtensions(ca.getExtensions());
        if (usage != null && !(usage.hasUsages(KeyUsage.keyCertSign) && usage.hasUsages(KeyUsage.cRLSign))) {
            throw new Unacceptable("the CA certificate's key usage does not allow signing certificates and CRLs");
        }
        PrivateKeyInfo key = privateKeyInfo(privateKey, passphrase);
        try {
            byte[] encodedKey = key.getEncoded();
            if (!Arrays.equals(publicKeyOf(encodedKey, null), ca.getSubjectPublicKeyInfo().getEncoded())) {
                Arrays.fill(encodedKey, (byte) 0);
                throw new Unacceptable("the private key does not match the CA certificate");
            }
            return new NewCa(chain.getFirst(), encodedKey, rfc4514(ca.getSubject()), ca.getNotAfter().toInstant());
        } catch (IOException e) {
            throw new Unacceptable("the private key cannot be read");
        }
    }

    @Override
    public List<byte[]> certificates(byte[] pem) throws Unacceptable {
        List<byte[]> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    throw new Unacceptable("the bundle holds something other than certificates");
                }
                certificates.add(holder.getEncoded());
            }
        } catch (IOException | RuntimeException e) {
            throw new Unacceptable("the certificates cannot be read");
        }
        if (certificates.isEmpty()) {
            throw new Unacceptable("no PEM certificate found");
        }
        return certificates;
    }

    @Override
    public Issued issue(Signer signer, Subject subject, Instant notBefore, Instant notAfter) {
        X509CertificateHolder issuer = holder(signer.certificate());
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(subject.publicKeyInfo());
        X500Name subjectName = name(subject.subjectDn());
        BigInteger serial = serial();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer.getSubject(), serial,
                Date.from(notBefore), Date.from(notAfter), subjectName, publicKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(endEntityUsage(publicKey)));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            GeneralNames alternativeNames = alternativeNames(subject, subjectName);
            if (alternativeNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
            }
            addIdentifiersAndPointers(builder, signer, issuer, publicKey);
            byte[] certificate = builder.build(signer(signer)).getEncoded();
            return new Issued(certificate, serial.toString(16), notAfter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The requested names; when there are none, a common name that is a host name becomes one, since TLS clients
     * match host names against subjectAltName only (RFC 6125).
     */
    private static GeneralNames alternativeNames(Subject subject, X500Name subjectName) {
        List<GeneralName> names = new ArrayList<>();
        subject.dnsNames().forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        subject.ipAddresses().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        subject.emails().forEach(email -> names.add(new GeneralName(GeneralName.rfc822Name, email)));
        if (names.isEmpty()) {
            var cns = subjectName.getRDNs(BCStyle.CN);
            if (cns.length == 1) {
                String cn = IETFUtils.valueToString(cns[0].getFirst().getValue()).trim();
                if (DNS_NAME.matcher(cn).matches()) {
                    names.add(new GeneralName(GeneralName.dNSName, cn));
                }
            }
        }
        return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static int endEntityUsage(SubjectPublicKeyInfo publicKey) {
        var algorithm = publicKey.getAlgorithm().getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
        }
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return KeyUsage.digitalSignature | KeyUsage.keyAgreement;
        }
        return KeyUsage.digitalSignature;
    }

    private static void addIdentifiersAndPointers(X509v3CertificateBuilder builder, Signer signer,
                                                  X509CertificateHolder issuer, SubjectPublicKeyInfo publicKey)
            throws IOException {
        BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuer.getSubjectPublicKeyInfo()));
        if (signer.crlUrl() != null) {
            GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                    signer.crlUrl()));
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{
                    new DistributionPoint(new DistributionPointName(where), null, null)}));
        }
        if (signer.issuerUrl() != null) {
            builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers,
                            new GeneralName(GeneralName.uniformResourceIdentifier, signer.issuerUrl()))));
        }
    }

    @Override
    public byte[] crl(Signer signer, List<RevokedEntry> revoked, long number, Instant thisUpdate, Instant nextUpdate) {
        X509CertificateHolder issuer = holder(signer.certificate());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer.getSubject(), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (RevokedEntry entry : revoked) {
            builder.addCRLEntry(new BigInteger(entry.serial(), 16), Date.from(entry.at()), reasonCode(entry.reason()));
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new BcX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getSubjectPublicKeyInfo()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            X509CRLHolder crl = builder.build(signer(signer));
            return crl.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int reasonCode(CrlReason reason) {
        return switch (reason) {
            case UNSPECIFIED -> CRLReason.unspecified;
            case KEY_COMPROMISE -> CRLReason.keyCompromise;
            case CA_COMPROMISE -> CRLReason.cACompromise;
            case AFFILIATION_CHANGED -> CRLReason.affiliationChanged;
            case SUPERSEDED -> CRLReason.superseded;
            case CESSATION_OF_OPERATION -> CRLReason.cessationOfOperation;
            case CERTIFICATE_HOLD -> CRLReason.certificateHold;
            case PRIVILEGE_WITHDRAWN -> CRLReason.privilegeWithdrawn;
            case AA_COMPROMISE -> CRLReason.aACompromise;
        };
    }

    @Override
    public Subject subjectOf(byte[] certificate) throws Unacceptable {
        X509CertificateHolder holder;
        try {
            holder = looksLikePem(certificate) ? new X509CertificateHolder(certificates(certificate).getFirst())
                    : new X509CertificateHolder(certificate);
        } catch (IOException | RuntimeException e) {
            throw new Unacceptable("not an X.509 certificate");
        }
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        GeneralNames names = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName);
        if (names != null) {
            collect(names, dns, ips, emails);
        }
        try {
            return new Subject(rfc4514(holder.getSubject()), holder.getSubjectPublicKeyInfo().getEncoded(), dns, ips,
                    emails);
        } catch (IOException e) {
            throw new Unacceptable("not an X.509 certificate");
        }
    }

    @Override
    public Described describe(byte[] certificate) {
        X509CertificateHolder holder = holder(certificate);
        return new Described(rfc4514(holder.getSubject()), rfc4514(holder.getIssuer()),
                holder.getSerialNumber().toString(16), holder.getNotBefore().toInstant(),
                holder.getNotAfter().toInstant());
    }

    /** Keywords for the name components RFC 2253 prints only as OIDs, so that they can be told apart. */
    private static final Map<String, String> RFC_2253_KEYWORDS = Map.of(
            "1.2.840.113549.1.9.1", "EMAIL",
            "2.5.4.5", "SERIALNUMBER",
            "2.5.4.12", "TITLE",
            "2.5.4.46", "DNQUALIFIER");

    @Override
    public Inspected inspect(byte[] certificate) throws Unacceptable {
        java.security.cert.X509Certificate parsed;
        try {
            parsed = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(certificate));
        } catch (java.security.cert.CertificateException | ClassCastException e) {
            throw new Unacceptable("not an X.509 certificate");
        }
        javax.security.auth.x500.X500Principal subject = parsed.getSubjectX500Principal();
        javax.security.auth.x500.X500Principal issuer = parsed.getIssuerX500Principal();
        Optional<KeyGenerator.AsymmetricAlgorithm> algorithm = Optional.empty();
        Optional<Integer> length = Optional.empty();
        switch (parsed.getPublicKey()) {
            case java.security.interfaces.RSAPublicKey rsa -> {
                algorithm = Optional.of(KeyGenerator.AsymmetricAlgorithm.RSA);
                length = Optional.of(rsa.getModulus().bitLength());
            }
            case java.security.interfaces.ECPublicKey ec -> {
                algorithm = Optional.of(KeyGenerator.AsymmetricAlgorithm.EC);
                length = Optional.of(ec.getParams().getCurve().getField().getFieldSize());
            }
            case java.security.interfaces.DSAPublicKey dsa -> {
                algorithm = Optional.of(KeyGenerator.AsymmetricAlgorithm.DSA);
                length = Optional.of(dsa.getParams().getP().bitLength());
            }
            default -> {
                // Another key type (EdDSA, say): described without a key algorithm.
            }
        }
        return new Inspected(subject.getEncoded(), issuer.getEncoded(),
                subject.getName(javax.security.auth.x500.X500Principal.RFC2253),
                issuer.getName(javax.security.auth.x500.X500Principal.RFC2253), parsed.getSerialNumber(),
                parsed.getSigAlgOID(), components(subject), components(issuer), algorithm, length);
    }

    private static List<NameComponent> components(javax.security.auth.x500.X500Principal name) throws Unacceptable {
        javax.naming.ldap.LdapName parsed;
        try {
            parsed = new javax.naming.ldap.LdapName(name.getName(javax.security.auth.x500.X500Principal.RFC2253,
                    RFC_2253_KEYWORDS));
        } catch (javax.naming.InvalidNameException e) {
            throw new Unacceptable("the certificate's distinguished name does not parse");
        }
        List<NameComponent> components = new ArrayList<>();
        // LdapName lists the components from the right (least significant) end; a DN reads from the left.
        List<javax.naming.ldap.Rdn> rdns = new ArrayList<>(parsed.getRdns());
        java.util.Collections.reverse(rdns);
        for (javax.naming.ldap.Rdn rdn : rdns) {
            if (rdn.getValue() instanceof String value) {
                components.add(new NameComponent(rdn.getType().toUpperCase(java.util.Locale.ROOT), value));
            }
        }
        return components;
    }

    @Override
    public String pem(byte[] certificate) {
        return pem("CERTIFICATE", certificate);
    }

    @Override
    public String pkcs7(List<byte[]> certificates) {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        try {
            generator.addCertificates(new CollectionStore<>(
                    certificates.stream().map(BcX509Engine::holder).toList()));
            return pem("PKCS7", generator.generate(new CMSAbsentContent()).toASN1Structure().getEncoded());
        } catch (CMSException | IOException e) {
            throw new IllegalStateException("cannot encode a PKCS#7 bundle", e);
        }
    }

    @Override
    public String crlPem(byte[] crl) {
        return pem("X509 CRL", crl);
    }

    private static String pem(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static boolean looksLikePem(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1).stripLeading();
        return start.startsWith("-----BEGIN");
    }

    private static X509CertificateHolder holder(byte[] certificate) {
        try {
            return new X509CertificateHolder(certificate);
        } catch (IOException e) {
            throw new IllegalStateException("a stored CA certificate does not parse", e);
        }
    }

    /** RFC 4514: the last RDN first, attribute names upper-case as OpenSSL and Barbican print them. */
    private static String rfc4514(X500Name name) {
        RDN[] rdns = name.getRDNs();
        StringBuilder out = new StringBuilder();
        for (int i = rdns.length - 1; i >= 0; i--) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            AttributeTypeAndValue[] values = rdns[i].getTypesAndValues();
            for (int j = 0; j < values.length; j++) {
                if (j > 0) {
                    out.append('+');
                }
                String display = BCStyle.INSTANCE.oidToDisplayName(
                        values[j].getType());
                out.append(display == null ? values[j].getType().getId() : display).append('=')
                        .append(IETFUtils.valueToString(values[j].getValue()));
            }
        }
        return out.toString();
    }

    /**
     * Parses RFC 4514 (the last RDN first, as Barbican's {@code subject_dn} and OpenSSL's {@code -nameopt RFC2253}
     * write it), knowing OpenSSL's attribute names (CN, O, OU, C, ST, L, emailAddress, DC, ...) in any case.
     */
    private static X500Name name(String dn) {
        RDN[] rdns = new X500Name(BCStyle.INSTANCE, dn)
                .getRDNs();
        RDN[] reversed = new RDN[rdns.length];
        for (int i = 0; i < rdns.length; i++) {
            reversed[i] = rdns[rdns.length - 1 - i];
        }
        return new X500Name(BCStyle.INSTANCE, reversed);
    }

    /** A positive serial of 159 random bits, as CA/Browser Forum baseline requirements ask (at least 64). */
    private BigInteger serial() {
        return new BigInteger(159, random).setBit(158);
    }

    private KeyPair caKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256 key pair generator", e);
        }
    }

    private ContentSigner signer(Signer signer) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(signer.privateKey());
        try {
            return signer(new JcaPEMKeyConverter().getPrivateKey(info));
        } catch (IOException e) {
            throw new IllegalStateException("a CA key does not parse", e);
        }
    }

    private ContentSigner signer(PrivateKey key) {
        var algorithm = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm().getAlgorithm();
        String signature;
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            signature = "SHA256withRSA";
        } else if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            signature = "SHA256withECDSA";
        } else if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
            signature = "Ed25519";
        } else {
            throw new IllegalStateException("a CA key must be RSA, EC or Ed25519");
        }
        try {
            return new JcaContentSignerBuilder(signature).setSecureRandom(random).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + signature, e);
        }
    }
}
