package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.RecommendedCurve;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.Fields;
import dev.donjon.server.domain.object.KeyEncodings;
import dev.donjon.server.domain.object.KeyEncodings.PrivateNumbers;
import dev.donjon.server.domain.object.KeyEncodings.PublicNumbers;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Transparent DSA, RSA and EC key formats (KMIP 1.4 §2.1.7.2–2.1.7.5, 2.1.7.14–2.1.7.15): Key Material as a
 * structure of the key's numbers, to and from the domain's {@link KeyEncodings} numbers (the crypto layer turns those
 * into the PKCS#8 / SubjectPublicKeyInfo that Donjon stores). EC keys are on P-256, P-384 and P-521; a public point
 * travels uncompressed (X9.62).
 */
final class TransparentKeys {
    private static final Map<RecommendedCurve, KeyEncodings.Curve> CURVES = Map.of(
            RecommendedCurve.P_256, KeyEncodings.Curve.P_256,
            RecommendedCurve.P_384, KeyEncodings.Curve.P_384,
            RecommendedCurve.P_521, KeyEncodings.Curve.P_521);

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

    /** The Key Material structure of a private key's numbers, which must be of the kind the format names. */
    static Structure privateKeyMaterial(KeyFormatType format, PrivateNumbers numbers) {
        return switch (numbers) {
            case PrivateNumbers.Rsa rsa when format == KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY -> {
                List<Ttlv> fields = new ArrayList<>(List.of(big(Tag.MODULUS, rsa.modulus()),
                        big(Tag.PRIVATE_EXPONENT, rsa.privateExponent())));
                rsa.publicExponent().ifPresent(e -> fields.add(big(Tag.PUBLIC_EXPONENT, e)));
                rsa.crt().ifPresent(crt -> fields.addAll(List.of(big(Tag.P, crt.p()), big(Tag.Q, crt.q()),
                        big(Tag.PRIME_EXPONENT_P, crt.primeExponentP()), big(Tag.PRIME_EXPONENT_Q, crt.primeExponentQ()),
                        big(Tag.CRT_COEFFICIENT, crt.crtCoefficient()))));
                yield new Structure(Tag.KEY_MATERIAL, fields);
            }
            case PrivateNumbers.Dsa dsa when format == KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY ->
                    new Structure(Tag.KEY_MATERIAL, big(Tag.P, dsa.p()), big(Tag.Q, dsa.q()), big(Tag.G, dsa.g()),
                            big(Tag.X, dsa.x()));
            case PrivateNumbers.Ec ec when format == KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY ->
                    new Structure(Tag.KEY_MATERIAL, new Ttlv.EnumerationItem(Tag.RECOMMENDED_CURVE,
                            recommended(ec.curve())), big(Tag.D, ec.d()));
            default -> throw notThisKind(format);
        };
    }

    /** The Key Material structure of a public key's numbers, which must be of the kind the format names. */
    static Structure publicKeyMaterial(KeyFormatType format, PublicNumbers numbers) {
        return switch (numbers) {
            case PublicNumbers.Rsa rsa when format == KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY ->
                    new Structure(Tag.KEY_MATERIAL, big(Tag.MODULUS, rsa.modulus()),
                            big(Tag.PUBLIC_EXPONENT, rsa.publicExponent()));
            case PublicNumbers.Dsa dsa when format == KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY ->
                    new Structure(Tag.KEY_MATERIAL, big(Tag.P, dsa.p()), big(Tag.Q, dsa.q()), big(Tag.G, dsa.g()),
                            big(Tag.Y, dsa.y()));
            case PublicNumbers.Ec ec when format == KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY ->
                    new Structure(Tag.KEY_MATERIAL, new Ttlv.EnumerationItem(Tag.RECOMMENDED_CURVE,
                            recommended(ec.curve())), new Ttlv.BytesItem(Tag.Q_STRING, ec.point()));
            default -> throw notThisKind(format);
        };
    }

    /** The numbers of a transparent private Key Material structure (Register). */
    static PrivateNumbers privateNumbers(KeyFormatType format, Structure material) {
        return switch (format) {
            case TRANSPARENT_RSA_PRIVATE_KEY -> {
                List<Optional<BigInteger>> crt = List.of(optional(material, Tag.P), optional(material, Tag.Q),
                        optional(material, Tag.PRIME_EXPONENT_P), optional(material, Tag.PRIME_EXPONENT_Q),
                        optional(material, Tag.CRT_COEFFICIENT));
                BigInteger d = optional(material, Tag.PRIVATE_EXPONENT).orElseThrow(() -> KmipError.invalidField(
                        "a Transparent RSA Private Key needs the Private Exponent"));
                yield new PrivateNumbers.Rsa(required(material, Tag.MODULUS), d, optional(material, Tag.PUBLIC_EXPONENT),
                        crt.stream().allMatch(Optional::isPresent) ? Optional.of(new PrivateNumbers.Crt(
                                crt.get(0).get(), crt.get(1).get(), crt.get(2).get(), crt.get(3).get(),
                                crt.get(4).get())) : Optional.empty());
            }
            case TRANSPARENT_DSA_PRIVATE_KEY -> new PrivateNumbers.Dsa(required(material, Tag.P),
                    required(material, Tag.Q), required(material, Tag.G), required(material, Tag.X));
            case TRANSPARENT_EC_PRIVATE_KEY -> new PrivateNumbers.Ec(curve(material), required(material, Tag.D));
            default -> throw new IllegalArgumentException(format + " is no transparent private key format");
        };
    }

    /** The numbers of a transparent public Key Material structure (Register). */
    static PublicNumbers publicNumbers(KeyFormatType format, Structure material) {
        return switch (format) {
            case TRANSPARENT_RSA_PUBLIC_KEY -> new PublicNumbers.Rsa(required(material, Tag.MODULUS),
                    required(material, Tag.PUBLIC_EXPONENT));
            case TRANSPARENT_DSA_PUBLIC_KEY -> new PublicNumbers.Dsa(required(material, Tag.P),
                    required(material, Tag.Q), required(material, Tag.G), required(material, Tag.Y));
            case TRANSPARENT_EC_PUBLIC_KEY -> new PublicNumbers.Ec(curve(material),
                    Fields.requiredBytes(material, Tag.Q_STRING));
            default -> throw new IllegalArgumentException(format + " is no transparent public key format");
        };
    }

    private static KeyEncodings.Curve curve(Structure material) {
        RecommendedCurve curve = Fields.enumeration(material, Tag.RECOMMENDED_CURVE, RecommendedCurve.index())
                .orElseThrow(() -> KmipError.missing("Recommended Curve"));
        KeyEncodings.Curve known = CURVES.get(curve);
        if (known == null) {
            throw KmipError.invalidField(curve.specName() + " keys are not supported");
        }
        return known;
    }

    private static RecommendedCurve recommended(KeyEncodings.Curve curve) {
        return CURVES.entrySet().stream().filter(e -> e.getValue() == curve).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
    }

    private static Ttlv big(Tag tag, BigInteger value) {
        return new Ttlv.BigIntegerItem(tag, value);
    }

    private static Optional<BigInteger> optional(Structure material, Tag tag) {
        return material.find(tag).map(item -> Fields.as(item, Ttlv.BigIntegerItem.class).value());
    }

    private static BigInteger required(Structure material, Tag tag) {
        return optional(material, tag).orElseThrow(() -> KmipError.missing(tag.specName()));
    }

    private static KmipError notThisKind(KeyFormatType format) {
        return new KmipError(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
                format.specName() + " is not available for this key");
    }
}
