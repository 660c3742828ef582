package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.RecommendedCurve;
import dev.donjon.kmip.enums.ResultReason;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Transparent DSA, RSA and EC key formats (KMIP 1.4 §2.1.7.2–2.1.7.5, 2.1.7.14–2.1.7.15): Key Material as a structure
 * of the key's numbers, to and from the PKCS#8 / SubjectPublicKeyInfo DER that Donjon stores. EC keys are on the NIST
 * prime curves P-256, P-384 and P-521; a public point travels uncompressed (X9.62).
 */
final class TransparentKeys {
    private static final Map<RecommendedCurve, String> CURVES = Map.of(
            RecommendedCurve.P_256, "secp256r1",
            RecommendedCurve.P_384, "secp384r1",
            RecommendedCurve.P_521, "secp521r1");

    private TransparentKeys() {
    }

    static boolean isTransparentPrivate(KeyFormatType format) {
        return format == KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY || format == KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY
                || format == KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY;
    }

    static boolean isTransparentPublic(KeyFormatType format) {
        return format == KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY || format == KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY
                || format == KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY;
    }

    /** The Key Material structure of a private key given as PKCS#8 DER. */
    static Structure privateKeyMaterial(KeyFormatType format, byte[] pkcs8) {
        try {
            if (format == KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY) {
                RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                List<Ttlv> numbers = new ArrayList<>(List.of(big(Tag.MODULUS, key.getModulus()),
                        big(Tag.PRIVATE_EXPONENT, key.getPrivateExponent())));
                if (key instanceof RSAPrivateCrtKey crt) {
                    numbers.addAll(List.of(big(Tag.PUBLIC_EXPONENT, crt.getPublicExponent()),
                            big(Tag.P, crt.getPrimeP()), big(Tag.Q, crt.getPrimeQ()),
                            big(Tag.PRIME_EXPONENT_P, crt.getPrimeExponentP()),
                            big(Tag.PRIME_EXPONENT_Q, crt.getPrimeExponentQ()),
                            big(Tag.CRT_COEFFICIENT, crt.getCrtCoefficient())));
                }
                return new Structure(Tag.KEY_MATERIAL, numbers);
            }
            if (format == KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY) {
                DSAPrivateKey key = (DSAPrivateKey) KeyFactory.getInstance("DSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                return new Structure(Tag.KEY_MATERIAL, dsaDomain(key.getParams(), big(Tag.X, key.getX())));
            }
            ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new Structure(Tag.KEY_MATERIAL, new Ttlv.EnumerationItem(Tag.RECOMMENDED_CURVE,
                    curve(key.getParams())), big(Tag.D, key.getS()));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw notThisKind(format);
        }
    }

    /** The Key Material structure of a public key given as SubjectPublicKeyInfo DER. */
    static Structure publicKeyMaterial(KeyFormatType format, byte[] spki) {
        try {
            if (format == KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY) {
                RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(spki));
                return new Structure(Tag.KEY_MATERIAL, big(Tag.MODULUS, key.getModulus()),
                        big(Tag.PUBLIC_EXPONENT, key.getPublicExponent()));
            }
            if (format == KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY) {
                DSAPublicKey key = (DSAPublicKey) KeyFactory.getInstance("DSA")
                        .generatePublic(new X509EncodedKeySpec(spki));
                return new Structure(Tag.KEY_MATERIAL, dsaDomain(key.getParams(), big(Tag.Y, key.getY())));
            }
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            return new Structure(Tag.KEY_MATERIAL, new Ttlv.EnumerationItem(Tag.RECOMMENDED_CURVE,
                    curve(key.getParams())), new Ttlv.BytesItem(Tag.Q_STRING, uncompressed(key)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw notThisKind(format);
        }
    }

    /** PKCS#8 DER from a transparent private Key Material structure (Register). */
    static byte[] privateKeyDer(KeyFormatType format, Structure material) {
        try {
            if (format == KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY) {
                BigInteger modulus = required(material, Tag.MODULUS);
                Optional<BigInteger> publicExponent = optional(material, Tag.PUBLIC_EXPONENT);
                Optional<BigInteger> privateExponent = optional(material, Tag.PRIVATE_EXPONENT);
                List<Optional<BigInteger>> crt = List.of(optional(material, Tag.P), optional(material, Tag.Q),
                        optional(material, Tag.PRIME_EXPONENT_P), optional(material, Tag.PRIME_EXPONENT_Q),
                        optional(material, Tag.CRT_COEFFICIENT));
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                if (publicExponent.isPresent() && privateExponent.isPresent()
                        && crt.stream().allMatch(Optional::isPresent)) {
                    return rsa.generatePrivate(new RSAPrivateCrtKeySpec(modulus, publicExponent.get(),
                            privateExponent.get(), crt.get(0).get(), crt.get(1).get(), crt.get(2).get(),
                            crt.get(3).get(), crt.get(4).get())).getEncoded();
                }
                BigInteger d = privateExponent.orElseThrow(() -> KmipError.invalidField(
                        "a Transparent RSA Private Key needs the Private Exponent, or every CRT number"));
                return rsa.generatePrivate(new RSAPrivateKeySpec(modulus, d)).getEncoded();
            }
            if (format == KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY) {
                return KeyFactory.getInstance("DSA").generatePrivate(new DSAPrivateKeySpec(required(material, Tag.X),
                        required(material, Tag.P), required(material, Tag.Q), required(material, Tag.G)))
                        .getEncoded();
            }
            ECParameterSpec curve = parameters(TtlvReads.enumeration(material, Tag.RECOMMENDED_CURVE,
                    RecommendedCurve.index()).orElseThrow(() -> KmipError.missing("Recommended Curve")));
            return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(required(material, Tag.D), curve))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw KmipError.invalidField("Key Material: " + e.getMessage());
        }
    }

    /** SubjectPublicKeyInfo DER from a transparent public Key Material structure (Register). */
    static byte[] publicKeyDer(KeyFormatType format, Structure material) {
        try {
            if (format == KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY) {
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        required(material, Tag.MODULUS), required(material, Tag.PUBLIC_EXPONENT))).getEncoded();
            }
            if (format == KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY) {
                return KeyFactory.getInstance("DSA").generatePublic(new DSAPublicKeySpec(required(material, Tag.Y),
                        required(material, Tag.P), required(material, Tag.Q), required(material, Tag.G)))
                        .getEncoded();
            }
            ECParameterSpec curve = parameters(TtlvReads.enumeration(material, Tag.RECOMMENDED_CURVE,
                    RecommendedCurve.index()).orElseThrow(() -> KmipError.missing("Recommended Curve")));
            byte[] q = TtlvReads.requiredBytes(material, Tag.Q_STRING);
            int size = (curve.getCurve().getField().getFieldSize() + 7) / 8;
            if (q.length != 1 + 2 * size || q[0] != 4) {
                throw KmipError.invalidField("Q String must be an uncompressed point on the curve");
            }
            ECPoint point = new ECPoint(new BigInteger(1, java.util.Arrays.copyOfRange(q, 1, 1 + size)),
                    new BigInteger(1, java.util.Arrays.copyOfRange(q, 1 + size, q.length)));
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, curve)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw KmipError.invalidField("Key Material: " + e.getMessage());
        }
    }

    /** P, Q, G (KMIP 1.4 §2.1.7.2–2.1.7.3) followed by the key's own number. */
    private static List<Ttlv> dsaDomain(DSAParams params, Ttlv number) {
        return List.of(big(Tag.P, params.getP()), big(Tag.Q, params.getQ()), big(Tag.G, params.getG()), number);
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

    private static RecommendedCurve curve(ECParameterSpec spec) {
        for (Map.Entry<RecommendedCurve, String> known : CURVES.entrySet()) {
            ECParameterSpec candidate = parameters(known.getKey());
            if (candidate.getCurve().equals(spec.getCurve()) && candidate.getOrder().equals(spec.getOrder())
                    && candidate.getGenerator().equals(spec.getGenerator())) {
                return known.getKey();
            }
        }
        throw new KmipError(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, "the key's curve has no Recommended Curve here");
    }

    private static ECParameterSpec parameters(RecommendedCurve curve) {
        String name = CURVES.get(curve);
        if (name == null) {
            throw KmipError.invalidField(curve.specName() + " keys are not supported");
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }

    private static Ttlv big(Tag tag, BigInteger value) {
        return new Ttlv.BigIntegerItem(tag, value);
    }

    private static Optional<BigInteger> optional(Structure material, Tag tag) {
        return material.find(tag).map(item -> TtlvReads.as(item, Ttlv.BigIntegerItem.class).value());
    }

    private static BigInteger required(Structure material, Tag tag) {
        return optional(material, tag).orElseThrow(() -> KmipError.missing(tag.specName()));
    }

    private static KmipError notThisKind(KeyFormatType format) {
        return new KmipError(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
                format.specName() + " is not available for this key");
    }
}
