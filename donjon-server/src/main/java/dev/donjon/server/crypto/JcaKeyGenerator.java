package dev.donjon.server.crypto;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.object.KeyGenerator;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.keys.Plaintext;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObject;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

/**
 * Key generation with the JDK providers and a DRBG. RSA key pairs come from a {@link RsaKeyPairPool}, because one
 * RSA-2048 pair costs about 0.1 s of a core and an order should not.
 */
public final class JcaKeyGenerator implements KeyGenerator {
    private final SecureRandom random;
    private final RsaKeyPairPool rsaPool;

    public JcaKeyGenerator(SecureRandom random, RsaKeyPairPool rsaPool) {
        this.random = random;
        this.rsaPool = rsaPool;
    }

    @Override
    public Plaintext symmetric(SymmetricAlgorithm algorithm, int bits) {
        boolean valid = switch (algorithm) {
            case AES, CAMELLIA -> bits == 128 || bits == 192 || bits == 256;
            case IDEA -> bits == 128;
            case DES3 -> bits == 112 || bits == 168;
            case HMAC_SHA1, HMAC_SHA256, HMAC_SHA384, HMAC_SHA512 -> bits >= 112 && bits <= 1024 && bits % 8 == 0;
        };
        if (!valid) {
            throw new DomainException.InvalidInput("unsupported key length " + bits + " for " + algorithm);
        }
        byte[] key = new byte[algorithm == SymmetricAlgorithm.DES3 ? bits / 7 : bits / 8];
        random.nextBytes(key);
        if (algorithm == SymmetricAlgorithm.DES3) {
            for (int i = 0; i < key.length; i++) {
                int b = key[i] & 0xFE;
                key[i] = (byte) (Integer.bitCount(b) % 2 == 0 ? b | 1 : b);
            }
        }
        try {
            return new Plaintext(key, PayloadContentType.OCTET_STREAM);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public KeyPairMaterial keyPair(AsymmetricAlgorithm algorithm, int bits, char[] passphrase) {
        KeyPair pair = switch (algorithm) {
            case RSA -> rsaPool.take(bits);
            case DSA -> generate("DSA", generator -> generator.initialize(dsaSize(bits), random));
            case EC -> generate("EC", generator -> generator.initialize(curve(bits), random));
            case ED25519 -> generate("Ed25519", generator -> {
            });
        };
        return new KeyPairMaterial(pem(new PemObject("PUBLIC KEY", pair.getPublic().getEncoded())),
                privatePem(pair, passphrase));
    }

    private interface Initializer {
        void initialize(KeyPairGenerator generator) throws GeneralSecurityException;
    }

    private KeyPair generate(String algorithm, Initializer initializer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            initializer.initialize(generator);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " key generation is unavailable", e);
        }
    }

    /** DSA with the JDK's precomputed FIPS 186-3 domain parameters, which make generation fast. */
    private static int dsaSize(int bits) {
        if (bits != 2048 && bits != 3072) {
            throw new DomainException.InvalidInput("unsupported DSA key size " + bits + " (2048 or 3072)");
        }
        return bits;
    }

    private static ECGenParameterSpec curve(int bits) {
        return switch (bits) {
            case 256 -> new ECGenParameterSpec("secp256r1");
            case 384 -> new ECGenParameterSpec("secp384r1");
            default -> throw new DomainException.InvalidInput("unsupported EC curve size " + bits + " (256 or 384)");
        };
    }

    private Plaintext privatePem(KeyPair pair, char[] passphrase) {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            if (passphrase == null) {
                return pem(new PemObject("PRIVATE KEY", pkcs8));
            }
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setProvider(BouncyCastleJce.provider()).setRandom(random).setPassword(passphrase).build();
            return pem(new JcaPKCS8Generator(pair.getPrivate(), encryptor).generate());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("private key encryption failed", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static Plaintext pem(PemObject object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding failed", e);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        try {
            return new Plaintext(bytes, PayloadContentType.OCTET_STREAM);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
