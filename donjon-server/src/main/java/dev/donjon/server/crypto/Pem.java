package dev.donjon.server.crypto;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** PEM files of certificates and private keys, as operators and OpenSSL-based clients exchange them. */
public final class Pem {
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";
    /** The DER encodings of the OIDs id-ecPublicKey (1.2.840.10045.2.1) and rsaEncryption (1.2.840.113549.1.1.1). */
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x01, 0x01};
    private Pem() {
    }

    public static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IllegalStateException(file + " holds no certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not a PEM certificate file", e);
        }
    }

    /** Reads an unencrypted PKCS#8, PKCS#1 (RSA) or SEC1 (EC) private key. */
    public static PrivateKey readPrivateKey(Path file) {
        PrivateKey pkcs8 = readPkcs8WithJdk(file);
        if (pkcs8 != null) {
            return pkcs8;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IllegalStateException(file + " holds no unencrypted private key");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * An unencrypted PKCS#8 EC or RSA key (what Donjon, OpenSSL 1.1+ and the JDK write) read by the JDK's own key
     * factory: the same key object BouncyCastle's converter returns, without loading BouncyCastle's PEM and ASN.1
     * classes on every server start (they were a fifth of a dev server's start-up). {@code null} for any other file,
     * which the BouncyCastle reader then handles and reports on.
     */
    private static PrivateKey readPkcs8WithJdk(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (!text.startsWith(PKCS8_BEGIN) || !text.endsWith(PKCS8_END)
                || text.indexOf("-----BEGIN", PKCS8_BEGIN.length()) >= 0) {
            return null;
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(
                    text.substring(PKCS8_BEGIN.length(), text.length() - PKCS8_END.length()));
            String algorithm = pkcs8Algorithm(der);
            return algorithm == null ? null
                    : KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /**
     * "EC" or "RSA" from a PrivateKeyInfo's AlgorithmIdentifier (SEQUENCE { INTEGER version, SEQUENCE { OID ... } ...
     * }), {@code null} for another algorithm or a malformed header.
     */
    private static String pkcs8Algorithm(byte[] der) {
        int at = contentStart(der, 0, 0x30);
        if (at < 0 || at + 2 >= der.length || der[at] != 0x02) {
            return null;
        }
        at = at + 2 + der[at + 1];
        at = contentStart(der, at, 0x30);
        if (at < 0) {
            return null;
        }
        if (Arrays.equals(der, at, Math.min(der.length, at + EC_OID.length), EC_OID, 0, EC_OID.length)) {
            return "EC";
        }
        if (Arrays.equals(der, at, Math.min(der.length, at + RSA_OID.length), RSA_OID, 0, RSA_OID.length)) {
            return "RSA";
        }
        return null;
    }

    /** Where the content of the DER element at {@code at} with tag {@code tag} starts, or -1. */
    private static int contentStart(byte[] der, int at, int tag) {
        if (at < 0 || at + 1 >= der.length || (der[at] & 0xff) != tag) {
            return -1;
        }
        int length = der[at + 1] & 0xff;
        return length < 0x80 ? at + 2 : at + 2 + (length & 0x7f);
    }

    public static String encode(X509Certificate certificate) {
        return write(certificate);
    }

    public static String encode(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a private key so that only its owner can read it, from the first byte on. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, encode(key), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String write(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
