package dev.donjon.server.crypto;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyEncodings;
import dev.donjon.server.domain.object.KeyService;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link KeyCryptography} with the JDK's providers ({@link Primitives}, {@link CipherStream}): the only place the key
 * material a service operation uses is read. {@link Primitives.Failure}s become the domain's
 * {@link DomainException.CryptographicFailure}.
 */
public final class JcaKeyCryptography implements KeyCryptography {
    private final SecureRandom random;
    private final KeyEncodings encodings = new JcaKeyEncodings();

    /** @param random draws IVs and RSA encryption padding */
    public JcaKeyCryptography(SecureRandom random) {
        this.random = random;
    }

    @Override
    public Optional<BlockCipher> blockCipher(String algorithm) {
        return Primitives.BlockCipher.of(algorithm).map(cipher -> switch (cipher) {
            case AES -> BlockCipher.AES;
            case DES3 -> BlockCipher.TRIPLE_DES;
        });
    }

    @Override
    public KeyEncodings encodings() {
        return encodings;
    }

    @Override
    public Sealed encrypt(KeyService.Revealed key, AesCipher cipher, byte[] data) {
        return guarded(() -> {
            Primitives.AesResult result = Primitives.aesEncrypt(material(key), aes(key, cipher), data, random);
            return new Sealed(result.output(), result.iv(), result.tag());
        });
    }

    @Override
    public byte[] decrypt(KeyService.Revealed key, AesCipher cipher, byte[] data, byte[] tag) {
        return guarded(() -> Primitives.aesDecrypt(material(key), aes(key, cipher), data, tag));
    }

    @Override
    public Sealed chacha20Poly1305Encrypt(KeyService.Revealed key, byte[] nonce, byte[] aad, byte[] data,
                                         int tagBytes) {
        return guarded(() -> {
            Primitives.AesResult result = Primitives.chacha20Poly1305Encrypt(material(key), nonce, aad, data,
                    tagBytes);
            return new Sealed(result.output(), nonce, result.tag());
        });
    }

    @Override
    public byte[] chacha20Poly1305Decrypt(KeyService.Revealed key, byte[] nonce, byte[] aad, byte[] data,
                                          byte[] tag) {
        return guarded(() -> Primitives.chacha20Poly1305Decrypt(material(key), nonce, aad, data, tag));
    }

    @Override
    public byte[] chacha20(KeyService.Revealed key, byte[] nonce, byte[] data) {
        return guarded(() -> Primitives.chacha20(material(key), nonce, data));
    }

    @Override
    public byte[] rsaEncrypt(KeyService.Revealed publicKey, RsaPadding padding, byte[] data) {
        return guarded(() -> Primitives.rsaEncrypt(Primitives.publicKey(material(publicKey)), oaep(padding), data,
                random));
    }

    @Override
    public byte[] rsaDecrypt(KeyService.Revealed privateKey, RsaPadding padding, byte[] data) {
        return guarded(() -> Primitives.rsaDecrypt(material(privateKey), oaep(padding), data));
    }

    @Override
    public byte[] sign(KeyService.Revealed privateKey, SignatureScheme scheme, byte[] data) {
        return guarded(() -> Primitives.sign(scheme.algorithm(), parameters(scheme), material(privateKey), data));
    }

    @Override
    public boolean verify(KeyService.Revealed publicKey, SignatureScheme scheme, byte[] data, byte[] signature) {
        return guarded(() -> Primitives.verify(scheme.algorithm(), parameters(scheme),
                Primitives.publicKey(material(publicKey)), data, signature));
    }

    @Override
    public int rsaModulusBytes(KeyService.Revealed publicKey) {
        return guarded(() -> {
            if (!(Primitives.publicKey(material(publicKey)) instanceof RSAPublicKey rsa)) {
                throw new DomainException.CryptographicFailure(DomainException.CryptographicFailure.Kind.BAD_KEY,
                        "not an RSA public key");
            }
            return (rsa.getModulus().bitLength() + 7) / 8;
        });
    }

    @Override
    public byte[] mac(KeyService.Revealed key, String algorithm, byte[] data) {
        return guarded(() -> Primitives.mac(algorithm, material(key), data));
    }

    @Override
    public boolean macMatches(KeyService.Revealed key, String algorithm, byte[] data, byte[] mac) {
        return guarded(() -> Primitives.macMatches(algorithm, material(key), data, mac));
    }

    @Override
    public byte[] hash(String algorithm, byte[] data) {
        return guarded(() -> Primitives.hash(algorithm, data));
    }

    @Override
    public byte[] wrap(KeyService.Revealed kek, byte[] data) {
        return guarded(() -> Primitives.aesKeyWrap(material(kek), data));
    }

    @Override
    public Stream aesStream(KeyService.Revealed key, boolean encrypt, AesCipher cipher, byte[] tag,
                            long maxHeldBack) {
        return guarded(() -> stream(CipherStream.aes(encrypt, material(key), aes(key, cipher), tag, maxHeldBack)));
    }

    @Override
    public Stream chacha20Stream(KeyService.Revealed key, byte[] nonce) {
        return guarded(() -> stream(CipherStream.chacha20(material(key), nonce)));
    }

    @Override
    public Stream chacha20Poly1305Stream(KeyService.Revealed key, boolean encrypt, byte[] nonce, byte[] aad,
                                         byte[] tag, int tagBytes, long maxHeldBack) {
        return guarded(() -> stream(CipherStream.chacha20Poly1305(encrypt, material(key), nonce, aad, tag, tagBytes,
                maxHeldBack)));
    }

    private static byte[] material(KeyService.Revealed key) {
        return key.material().bytes();
    }

    /** The key's own algorithm chooses the block cipher (AES or Triple DES), never the request. */
    private static Primitives.AesRequest aes(KeyService.Revealed key, AesCipher cipher) {
        return new Primitives.AesRequest(Primitives.AesMode.valueOf(cipher.mode().name()), cipher.padded(),
                cipher.iv(), cipher.aad(), cipher.tagBytes(),
                Primitives.BlockCipher.of(key.object().secret().algorithm()).orElse(Primitives.BlockCipher.AES));
    }

    private static OAEPParameterSpec oaep(RsaPadding padding) {
        if (!padding.oaep()) {
            return null;
        }
        return new OAEPParameterSpec(padding.hash(), "MGF1", new MGF1ParameterSpec(padding.maskHash()),
                padding.label() == null ? PSource.PSpecified.DEFAULT : new PSource.PSpecified(padding.label()));
    }

    private static AlgorithmParameterSpec parameters(SignatureScheme scheme) {
        return scheme.pss().map(pss -> (AlgorithmParameterSpec) new PSSParameterSpec(pss.hash(), "MGF1",
                new MGF1ParameterSpec(pss.maskHash()), pss.saltBytes(), 1)).orElse(null);
    }

    /** A stream as the domain sees it; its failures mapped like the single-part operations'. */
    public static Stream stream(CipherStream stream) {
        return new Stream() {
            @Override
            public byte[] update(byte[] data) {
                return guarded(() -> stream.update(data));
            }

            @Override
            public Finished finish(byte[] data) {
                return guarded(() -> {
                    CipherStream.Finished finished = stream.finish(data);
                    return new Finished(finished.output(), finished.tag());
                });
            }

            @Override
            public String toString() {
                return stream.toString();
            }
        };
    }

    @Override
    public byte[] derive(KeyService.Revealed base, Derivation derivation, int bytes) {
        byte[] key = material(base);
        return guarded(() -> switch (derivation) {
            case Derivation.Pbkdf2 p -> KeyDerivation.pbkdf2(p.hmac(), key, p.salt(), p.iterations(), bytes);
            case Derivation.Hash h -> KeyDerivation.hash(h.digest(), h.data().length > 0 ? h.data() : key, bytes);
            case Derivation.Hmac h -> KeyDerivation.hmac(h.hmac(), key, h.data(), bytes);
            case Derivation.Hkdf h -> KeyDerivation.hkdf(h.hmac(), key, h.salt(), h.info(), bytes);
            case Derivation.CounterMode c -> KeyDerivation.counterMode(c.hmac(), key, c.fixed(), bytes);
        });
    }

    private static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (Primitives.Failure e) {
            throw new DomainException.CryptographicFailure(switch (e.kind()) {
                case BAD_PARAMETERS -> DomainException.CryptographicFailure.Kind.BAD_PARAMETERS;
                case BAD_KEY -> DomainException.CryptographicFailure.Kind.BAD_KEY;
                case AUTHENTICATION_FAILED -> DomainException.CryptographicFailure.Kind.AUTHENTICATION_FAILED;
            }, e.getMessage());
        }
    }
}
