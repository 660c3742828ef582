package dev.donjon.server.crypto;

import dev.donjon.server.domain.object.KeyEncodings;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.DSAPrivateKeySpec;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * {@link KeyEncodings} with BouncyCastle's ASN.1 ({@link Primitives}) and the JDK's key factories. EC keys are on the
 * NIST prime curves P-256, P-384 and P-521.
 */
public final class JcaKeyEncodings implements KeyEncodings {
    private static final Map<Curve, String> CURVES = Map.of(
            Curve.P_256, "secp256r1",
            Curve.P_384, "secp384r1",
            Curve.P_521, "secp521r1");

    @Override
    public byte[] der(byte[] encoded) {
        return converted(() -> Primitives.der(encoded));
    }

    @Override
    public byte[] privateKeyPkcs8(byte[] encoded) {
        return converted(() -> Primitives.privateKeyPkcs8(encoded));
    }

    @Override
    public byte[] privateKeyPkcs1(byte[] encoded) {
        return converted(() -> Primitives.privateKeyPkcs1(encoded));
    }

    @Override
    public byte[] privateKeyEc(byte[] encoded) {
        return converted(() -> Primitives.privateKeyEc(encoded));
    }

    @Override
    public byte[] publicKeySpki(byte[] encoded) {
        return converted(() -> Primitives.publicKeySpki(encoded));
    }

    @Override
    public byte[] publicKeyPkcs1(byte[] encoded) {
        return converted(() -> Primitives.publicKeyPkcs1(encoded));
    }

    @Override
    public boolean isPkcs8(byte[] der) {
        return Primitives.isPkcs8(der);
    }

    @Override
    public boolean isEcPrivateKey(byte[] der) {
        return Primitives.isEcPrivateKey(der);
    }

    @Override
    public boolean isSpki(byte[] der) {
        return Primitives.isSpki(der);
    }

    @Override
    public boolean isDsaPrivateKey(byte[] encoded) {
        return converted(() -> Primitives.isDsaPrivateKey(encoded));
    }

    @Override
    public boolean isDsaPublicKey(byte[] encoded) {
        return converted(() -> Primitives.isDsaPublicKey(encoded));
    }

    @Override
    public PrivateNumbers privateNumbers(byte[] encoded) {
        java.security.PrivateKey key = converted(() -> Primitives.privateKey(encoded));
        return switch (key) {
            case RSAPrivateCrtKey crt -> new PrivateNumbers.Rsa(crt.getModulus(), crt.getPrivateExponent(),
                    Optional.of(crt.getPublicExponent()), Optional.of(new PrivateNumbers.Crt(crt.getPrimeP(),
                    crt.getPrimeQ(), crt.getPrimeExponentP(), crt.getPrimeExponentQ(), crt.getCrtCoefficient())));
            case RSAPrivateKey rsa -> new PrivateNumbers.Rsa(rsa.getModulus(), rsa.getPrivateExponent(),
                    Optional.empty(), Optional.empty());
            case DSAPrivateKey dsa -> {
                DSAParams p = dsa.getParams();
                yield new PrivateNumbers.Dsa(p.getP(), p.getQ(), p.getG(), dsa.getX());
            }
            case ECPrivateKey ec -> new PrivateNumbers.Ec(curve(ec.getParams()), ec.getS());
            default -> throw new Unconvertible("a " + key.getAlgorithm() + " key has no transparent form");
        };
    }

    @Override
    public PublicNumbers publicNumbers(byte[] encoded) {
        java.security.PublicKey key = converted(() -> Primitives.publicKey(encoded));
        return switch (key) {
            case RSAPublicKey rsa -> new PublicNumbers.Rsa(rsa.getModulus(), rsa.getPublicExponent());
            case DSAPublicKey dsa -> {
                DSAParams p = dsa.getParams();
                yield new PublicNumbers.Dsa(p.getP(), p.getQ(), p.getG(), dsa.getY());
            }
            case ECPublicKey ec -> new PublicNumbers.Ec(curve(ec.getParams()), uncompressed(ec));
            default -> throw new Unconvertible("a " + key.getAlgorithm() + " key has no transparent form");
        };
    }

    @Override
    public byte[] privateKeyPkcs8(PrivateNumbers numbers) {
        try {
            return switch (numbers) {
                case PrivateNumbers.Rsa rsa when rsa.crt().isPresent() && rsa.publicExponent().isPresent() -> {
                    PrivateNumbers.Crt crt = rsa.crt().get();
                    yield KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(rsa.modulus(),
                            rsa.publicExponent().get(), rsa.privateExponent(), crt.p(), crt.q(), crt.primeExponentP(),
                            crt.primeExponentQ(), crt.crtCoefficient())).getEncoded();
                }
                case PrivateNumbers.Rsa rsa -> KeyFactory.getInstance("RSA").generatePrivate(
                        new RSAPrivateKeySpec(rsa.modulus(), rsa.privateExponent())).getEncoded();
                case PrivateNumbers.Dsa dsa -> KeyFactory.getInstance("DSA").generatePrivate(
                        new DSAPrivateKeySpec(dsa.x(), dsa.p(), dsa.q(), dsa.g())).getEncoded();
                case PrivateNumbers.Ec ec -> KeyFactory.getInstance("EC").generatePrivate(
                        new ECPrivateKeySpec(ec.d(), parameters(ec.curve()))).getEncoded();
            };
        } catch (GeneralSecurityException e) {
            throw new Unconvertible("the numbers make no private key");
        }
    }

    @Override
    public byte[] publicKeySpki(PublicNumbers numbers) {
        try {
            return switch (numbers) {
                case PublicNumbers.Rsa rsa -> KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rsa.modulus(), rsa.publicExponent())).getEncoded();
                case PublicNumbers.Dsa dsa -> KeyFactory.getInstance("DSA").generatePublic(
                        new DSAPublicKeySpec(dsa.y(), dsa.p(), dsa.q(), dsa.g())).getEncoded();
                case PublicNumbers.Ec ec -> {
                    ECParameterSpec curve = parameters(ec.curve());
                    byte[] q = ec.point();
                    int size = (curve.getCurve().getField().getFieldSize() + 7) / 8;
                    if (q.length != 1 + 2 * size || q[0] != 4) {
                        throw new Unconvertible("the point must be an uncompressed point on " + ec.curve());
                    }
                    ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(q, 1, 1 + size)),
                            new BigInteger(1, Arrays.copyOfRange(q, 1 + size, q.length)));
                    yield KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, curve)).getEncoded();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new Unconvertible("the numbers make no public key");
        }
    }

    private interface Conversion<T> {
        T run();
    }

    /** Runs a {@link Primitives} conversion, its failure (which quotes no material) as {@link Unconvertible}. */
    private static <T> T converted(Conversion<T> conversion) {
        try {
            return conversion.run();
        } catch (Primitives.Failure e) {
            throw new Unconvertible(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Unconvertible("not a key of the expected kind");
        }
    }

    private static byte[] uncompressed(ECPublicKey key) {
        int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] out = new byte[1 + 2 * size];
        out[0] = 4;
        fixed(key.getW().getAffineX(), out, 1, size);
        fixed(key.getW().getAffineY(), out, 1 + size, size);
        return out;
    }

    private static void fixed(BigInteger value, byte[] out, int offset, int size) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > size ? bytes.length - size : 0;
        System.arraycopy(bytes, skip, out, offset + size - (bytes.length - skip), bytes.length - skip);
    }

    private static Curve curve(ECParameterSpec spec) {
        for (Curve known : Curve.values()) {
            ECParameterSpec candidate = parameters(known);
            if (candidate.getCurve().equals(spec.getCurve()) && candidate.getOrder().equals(spec.getOrder())
                    && candidate.getGenerator().equals(spec.getGenerator())) {
                return known;
            }
        }
        throw new Unconvertible("the key's curve is none of P-256, P-384 and P-521");
    }

    private static ECParameterSpec parameters(Curve curve) {
        String name = CURVES.get(curve);
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }
}
