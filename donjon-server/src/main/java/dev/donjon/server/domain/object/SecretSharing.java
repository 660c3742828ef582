package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Splitting a secret into parts and joining them again, by the Split Key Methods of KMIP 1.4 §2.2.5 (after Shamir,
 * "How to share a secret", 1979): XOR (every part needed), polynomial sharing in the prime field GF(p), polynomial
 * sharing in GF(2^8) byte by byte (the field of FIPS 197, x^8 + x^4 + x^3 + x + 1), and polynomial sharing in GF(2^16)
 * piece by piece of 16 bits, in the field §2.2.5 defines over GF(2^8). A part's identifier is the point its share was
 * taken at (1, 2, ...).
 */
public final class SecretSharing {

    /** The Split Key Methods implemented here. */
    public enum Method { XOR, PRIME_FIELD, GF_2_8, GF_2_16 }

    /** One part: its identifier (1 to the number of parts) and its share. */
    public record Share(int identifier, byte[] value) {
        public Share {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public String toString() {
            return "Share[" + identifier + "]";
        }
    }

    private SecretSharing() {
    }

    /** The prime field a secret of {@code bits} bits is shared in when the client names none: the first prime above 2^bits. */
    public static BigInteger primeFor(int bits) {
        return BigInteger.ONE.shiftLeft(bits).nextProbablePrime();
    }

    /**
     * Splits {@code secret} into {@code parts} shares of which {@code threshold} rebuild it.
     *
     * @param prime  the field of {@link Method#PRIME_FIELD}: a prime above 2^(bits of the secret); ignored otherwise
     * @param random where the other shares and coefficients come from: the server's SecureRandom (a Random, so that
     *               the domain needs no java.security)
     */
    public static List<Share> split(Method method, byte[] secret, int parts, int threshold, BigInteger prime,
                                    Random random) {
        checkCounts(method, parts, threshold);
        List<Share> shares = new ArrayList<>(parts);
        switch (method) {
            case XOR -> {
                byte[] last = secret.clone();
                for (int i = 1; i < parts; i++) {
                    byte[] share = new byte[secret.length];
                    random.nextBytes(share);
                    xorInto(last, share);
                    shares.add(new Share(i, share));
                }
                shares.add(new Share(parts, last));
                Arrays.fill(last, (byte) 0);
            }
            case PRIME_FIELD -> {
                checkPrime(prime, secret.length * 8);
                BigInteger[] coefficients = new BigInteger[threshold];
                coefficients[0] = new BigInteger(1, secret);
                for (int i = 1; i < threshold; i++) {
                    coefficients[i] = new BigInteger(prime.bitLength() + 64, random).mod(prime);
                }
                int width = (prime.bitLength() + 7) / 8;
                for (int x = 1; x <= parts; x++) {
                    BigInteger y = BigInteger.ZERO;
                    BigInteger bx = BigInteger.valueOf(x);
                    for (int i = threshold - 1; i >= 0; i--) {
                        y = y.multiply(bx).add(coefficients[i]).mod(prime);
                    }
                    shares.add(new Share(x, fixed(y, width)));
                }
            }
            case GF_2_8 -> {
                byte[][] values = new byte[parts][secret.length];
                byte[] coefficients = new byte[threshold];
                for (int at = 0; at < secret.length; at++) {
                    coefficients[0] = secret[at];
                    byte[] random1 = new byte[threshold - 1];
                    random.nextBytes(random1);
                    System.arraycopy(random1, 0, coefficients, 1, threshold - 1);
                    for (int x = 1; x <= parts; x++) {
                        int y = 0;
                        for (int i = threshold - 1; i >= 0; i--) {
                            y = gfMultiply(y, x) ^ (coefficients[i] & 0xFF);
                        }
                        values[x - 1][at] = (byte) y;
                    }
                }
                Arrays.fill(coefficients, (byte) 0);
                for (int x = 1; x <= parts; x++) {
                    shares.add(new Share(x, values[x - 1]));
                }
            }
            case GF_2_16 -> {
                // Pieces of 16 bits, the first byte of each the u of uy + v; an odd last byte is the piece (byte, 0),
                // so every share is a whole number of pieces and a join cuts the secret back to its length.
                int pieces = (secret.length + 1) / 2;
                byte[][] values = new byte[parts][pieces * 2];
                int[] coefficients = new int[threshold];
                for (int piece = 0; piece < pieces; piece++) {
                    int low = 2 * piece + 1 < secret.length ? secret[2 * piece + 1] & 0xFF : 0;
                    coefficients[0] = (secret[2 * piece] & 0xFF) << 8 | low;
                    for (int i = 1; i < threshold; i++) {
                        coefficients[i] = random.nextInt(1 << 16);
                    }
                    for (int x = 1; x <= parts; x++) {
                        int y = 0;
                        for (int i = threshold - 1; i >= 0; i--) {
                            y = gf16Multiply(y, x) ^ coefficients[i];
                        }
                        values[x - 1][2 * piece] = (byte) (y >>> 8);
                        values[x - 1][2 * piece + 1] = (byte) y;
                    }
                }
                Arrays.fill(coefficients, 0);
                for (int x = 1; x <= parts; x++) {
                    shares.add(new Share(x, values[x - 1]));
                }
            }
        }
        return shares;
    }

    /**
     * The secret {@code shares} rebuild: all parts for XOR, at least {@code threshold} distinct ones otherwise.
     *
     * @param length the secret's length in bytes
     */
    public static byte[] join(Method method, List<Share> shares, int threshold, BigInteger prime, int length) {
        Set<Integer> identifiers = new HashSet<>();
        for (Share share : shares) {
            if (share.identifier() < 1 || !identifiers.add(share.identifier())) {
                throw new DomainException.InvalidInput("the parts to join must be distinct parts of one key");
            }
        }
        if (shares.size() < threshold) {
            throw new DomainException.InvalidInput("joining needs at least " + threshold + " parts, got " + shares.size());
        }
        List<Share> used = shares.subList(0, method == Method.XOR ? shares.size() : threshold);
        return switch (method) {
            case XOR -> {
                byte[] secret = new byte[length];
                for (Share share : used) {
                    byte[] value = share.value();
                    if (value.length != length) {
                        throw new DomainException.InvalidInput("the XOR parts differ in length");
                    }
                    xorInto(secret, value);
                }
                yield secret;
            }
            case PRIME_FIELD -> {
                BigInteger secret = BigInteger.ZERO;
                for (Share i : used) {
                    BigInteger xi = BigInteger.valueOf(i.identifier());
                    BigInteger numerator = BigInteger.ONE;
                    BigInteger denominator = BigInteger.ONE;
                    for (Share j : used) {
                        if (j != i) {
                            BigInteger xj = BigInteger.valueOf(j.identifier());
                            numerator = numerator.multiply(xj.negate()).mod(prime);
                            denominator = denominator.multiply(xi.subtract(xj)).mod(prime);
                        }
                    }
                    BigInteger yi = new BigInteger(1, i.value());
                    secret = secret.add(yi.multiply(numerator).multiply(denominator.modInverse(prime))).mod(prime);
                }
                if (secret.bitLength() > length * 8) {
                    throw new DomainException.InvalidInput("the parts do not rebuild a secret of " + length + " bytes");
                }
                yield fixed(secret, length);
            }
            case GF_2_8 -> {
                byte[] secret = new byte[length];
                for (Share i : used) {
                    int xi = i.identifier();
                    int basis = 1;
                    for (Share j : used) {
                        if (j != i) {
                            // In characteristic 2, (0 - xj) / (xi - xj) is xj / (xi ^ xj).
                            basis = gfMultiply(basis, gfMultiply(j.identifier(), gfInverse(xi ^ j.identifier())));
                        }
                    }
                    byte[] value = i.value();
                    if (value.length != length) {
                        throw new DomainException.InvalidInput("the parts differ in length");
                    }
                    for (int at = 0; at < length; at++) {
                        secret[at] ^= (byte) gfMultiply(value[at] & 0xFF, basis);
                    }
                }
                yield secret;
            }
            case GF_2_16 -> {
                int width = (length + 1) / 2 * 2;
                byte[] padded = new byte[width];
                for (Share i : used) {
                    int xi = i.identifier();
                    int basis = 1;
                    for (Share j : used) {
                        if (j != i) {
                            basis = gf16Multiply(basis, gf16Multiply(j.identifier(), gf16Inverse(xi ^ j.identifier())));
                        }
                    }
                    byte[] value = i.value();
                    if (value.length != width) {
                        throw new DomainException.InvalidInput("the parts differ in length");
                    }
                    for (int at = 0; at < width; at += 2) {
                        int term = gf16Multiply((value[at] & 0xFF) << 8 | (value[at + 1] & 0xFF), basis);
                        padded[at] ^= (byte) (term >>> 8);
                        padded[at + 1] ^= (byte) term;
                    }
                }
                if (width != length && padded[length] != 0) {
                    throw new DomainException.InvalidInput("the parts do not rebuild a secret of " + length + " bytes");
                }
                byte[] secret = Arrays.copyOf(padded, length);
                Arrays.fill(padded, (byte) 0);
                yield secret;
            }
        };
    }

    private static void checkCounts(Method method, int parts, int threshold) {
        if (threshold < 1 || threshold > parts) {
            throw new DomainException.InvalidInput("a split needs 1 <= threshold <= parts");
        }
        if (method == Method.XOR && threshold != parts) {
            throw new DomainException.InvalidInput("an XOR split needs every part: the threshold must equal the parts");
        }
        if (method == Method.GF_2_8 && parts > 255) {
            throw new DomainException.InvalidInput("GF(2^8) sharing has at most 255 parts");
        }
        if ((method == Method.PRIME_FIELD || method == Method.GF_2_16) && parts > 65535) {
            throw new DomainException.InvalidInput("too many parts");
        }
    }

    private static void checkPrime(BigInteger prime, int bits) {
        if (prime == null || prime.compareTo(BigInteger.ONE.shiftLeft(bits)) <= 0 || !prime.isProbablePrime(64)) {
            throw new DomainException.InvalidInput("the Prime Field Size must be a prime above 2^" + bits);
        }
    }

    private static void xorInto(byte[] target, byte[] other) {
        for (int i = 0; i < target.length; i++) {
            target[i] ^= other[i];
        }
    }

    /** {@code value} as exactly {@code width} unsigned big-endian bytes. */
    private static byte[] fixed(BigInteger value, int width) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[width];
        int copy = Math.min(raw.length, width);
        System.arraycopy(raw, raw.length - copy, out, width - copy, copy);
        return out;
    }

    /** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1 (FIPS 197 §4.2). */
    static int gfMultiply(int a, int b) {
        int product = 0;
        for (int i = 0; i < 8; i++) {
            if ((b & 1) != 0) {
                product ^= a;
            }
            boolean carry = (a & 0x80) != 0;
            a = (a << 1) & 0xFF;
            if (carry) {
                a ^= 0x1B;
            }
            b >>= 1;
        }
        return product;
    }

    /** The inverse in GF(2^8): a^254. */
    private static int gfInverse(int a) {
        int result = 1;
        int base = a;
        for (int e = 254; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                result = gfMultiply(result, base);
            }
            base = gfMultiply(base, base);
        }
        return result;
    }

    /** GF(2^16)'s m (KMIP 1.4 §2.2.5): x^5 + x^4 + x^3 + x in GF(2^8). */
    private static final int GF16_M = 0x3A;

    /**
     * Multiplication in GF(2^16) = GF(2^8)[y]/(y^2 + y + m) (KMIP 1.4 §2.2.5), an element uy + v held as u << 8 | v.
     * With y^2 = y + m, (ry + s)(uy + v) = ((r + s)(u + v) + sv) y + (sv + rum). (§2.2.5 prints the constant term
     * as "ru + svm"; that is no field multiplication, and its own inverse formula holds only with sv + rum.)
     */
    static int gf16Multiply(int a, int b) {
        int r = a >>> 8;
        int s = a & 0xFF;
        int u = b >>> 8;
        int v = b & 0xFF;
        int sv = gfMultiply(s, v);
        int high = gfMultiply(r ^ s, u ^ v) ^ sv;
        int low = sv ^ gfMultiply(gfMultiply(r, u), GF16_M);
        return high << 8 | low;
    }

    /** The inverse in GF(2^16) (KMIP 1.4 §2.2.5): (uy + v)^-1 = u d^-1 y + (u + v) d^-1, d = (u + v) v + m u^2. */
    static int gf16Inverse(int a) {
        int u = a >>> 8;
        int v = a & 0xFF;
        int d = gfMultiply(u ^ v, v) ^ gfMultiply(GF16_M, gfMultiply(u, u));
        int dInverse = gfInverse(d);
        return gfMultiply(u, dInverse) << 8 | gfMultiply(u ^ v, dInverse);
    }
}
