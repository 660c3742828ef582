package dev.donjon.server.domain.object;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The encodings of asymmetric key material, for an edge that serves keys in the formats its protocol names (KMIP's
 * PKCS#1, PKCS#8, ECPrivateKey, X.509 and transparent formats): the edge says which form it needs and the crypto layer
 * parses and re-encodes, so that no edge parses ASN.1 or builds keys itself. Input may be DER or PEM (keys stored over
 * REST are often PEM); output is DER. No JCA type appears here: a key's numbers travel as {@link BigInteger}s.
 * Material that is not what a method expects fails with {@link Unconvertible}, whose message names no key material.
 */
public interface KeyEncodings {

    /** The material is not a key of the kind or form asked for. */
    final class Unconvertible extends RuntimeException {
        public Unconvertible(String message) {
            super(message);
        }
    }

    /** The NIST prime curves a transparent EC key may name. */
    enum Curve { P_256, P_384, P_521 }

    /** A private key's numbers (the transparent formats). */
    sealed interface PrivateNumbers {
        /** RSA: the CRT numbers are all present or all absent; the public exponent may be absent without them. */
        record Rsa(BigInteger modulus, BigInteger privateExponent, Optional<BigInteger> publicExponent,
                   Optional<Crt> crt) implements PrivateNumbers {
            @Override
            public String toString() {
                return "Rsa[" + modulus.bitLength() + " bits]";
            }
        }

        record Crt(BigInteger p, BigInteger q, BigInteger primeExponentP, BigInteger primeExponentQ,
                   BigInteger crtCoefficient) {
            @Override
            public String toString() {
                return "Crt[]";
            }
        }

        record Dsa(BigInteger p, BigInteger q, BigInteger g, BigInteger x) implements PrivateNumbers {
            @Override
            public String toString() {
                return "Dsa[" + p.bitLength() + " bits]";
            }
        }

        record Ec(Curve curve, BigInteger d) implements PrivateNumbers {
            @Override
            public String toString() {
                return "Ec[" + curve + "]";
            }
        }
    }

    /** A public key's numbers (the transparent formats); an EC point is uncompressed (X9.62, 0x04 || X || Y). */
    sealed interface PublicNumbers {
        record Rsa(BigInteger modulus, BigInteger publicExponent) implements PublicNumbers {
        }

        record Dsa(BigInteger p, BigInteger q, BigInteger g, BigInteger y) implements PublicNumbers {
        }

        record Ec(Curve curve, byte[] point) implements PublicNumbers {
        }
    }

    /** The DER inside a PEM text, or the bytes themselves when they are not PEM. */
    byte[] der(byte[] encoded);

    /** A private key as PKCS#8, from PKCS#8, PKCS#1 (RSA) or RFC 5915 ECPrivateKey. */
    byte[] privateKeyPkcs8(byte[] encoded);

    /** An RSA private key as PKCS#1. */
    byte[] privateKeyPkcs1(byte[] encoded);

    /** An EC private key as an RFC 5915 ECPrivateKey naming its curve. */
    byte[] privateKeyEc(byte[] encoded);

    /** A public key as SubjectPublicKeyInfo, from SPKI, PKCS#1 (RSA) or an X.509 certificate. */
    byte[] publicKeySpki(byte[] encoded);

    /** An RSA public key as PKCS#1. */
    byte[] publicKeyPkcs1(byte[] encoded);

    /** Whether the DER private key is PKCS#8 (rather than PKCS#1 or an ECPrivateKey). */
    boolean isPkcs8(byte[] der);

    /** Whether the DER private key is an RFC 5915 ECPrivateKey. */
    boolean isEcPrivateKey(byte[] der);

    /** Whether the DER public key is a SubjectPublicKeyInfo (rather than PKCS#1). */
    boolean isSpki(byte[] der);

    boolean isDsaPrivateKey(byte[] encoded);

    boolean isDsaPublicKey(byte[] encoded);

    /** The numbers of a private key (any form {@link #privateKeyPkcs8} reads). */
    PrivateNumbers privateNumbers(byte[] encoded);

    /** The numbers of a public key (any form {@link #publicKeySpki} reads). */
    PublicNumbers publicNumbers(byte[] encoded);

    /** PKCS#8 of a private key given by its numbers. */
    byte[] privateKeyPkcs8(PrivateNumbers numbers);

    /** SubjectPublicKeyInfo of a public key given by its numbers (an EC point must be on the curve). */
    byte[] publicKeySpki(PublicNumbers numbers);
}
