package dev.donjon.server.crypto;

/**
 * Where the master key lives: a software key file, or an HSM that never lets it out. The master key only ever wraps
 * project KEKs (and the key check values of {@link MasterKeyCheck}); it is versioned so that it can be rotated while
 * KEKs wrapped by older versions stay readable.
 *
 * <p>The contract every backend keeps:
 * <ul>
 *   <li><b>Versions.</b> Versions are positive integers; the current one is the highest. A version, once created,
 *   always means the same key: {@link #rotate()} only adds a version, {@link #retire(int)} only removes one, and
 *   nothing ever replaces the key of an existing version.</li>
 *   <li><b>Wrapping.</b> {@link #wrap} uses the current version and says which; {@link #unwrap} uses the version it is
 *   given. The wrapped form is the backend's own (AES-KWP for software, AES-KW inside the token for PKCS#11) and is
 *   authenticated: bytes that were not wrapped by that version fail with {@code DomainException.Integrity}, never
 *   with wrong plaintext.</li>
 *   <li><b>Other processes.</b> Another process (the {@code donjon master-key} commands, another node) may add a
 *   version. A version this instance does not know yet is looked up again in the backing file or token before it is
 *   called missing, so a node serves KEKs that a rotation job on another node re-wrapped.</li>
 *   <li><b>Unavailability.</b> When the backing device cannot be used (PKCS#11 library error, token removed, session
 *   refused, PIN no longer accepted), the operation throws {@link Unavailable} with the reason for the operator and
 *   has no effect; a later call retries the device. Unavailability is never reported as an integrity failure, and
 *   an integrity failure never as unavailability.</li>
 *   <li><b>Secrets.</b> Key material never appears in exceptions, {@code toString()} or logs. Callers zero the
 *   unwrapped bytes they receive; the keystore zeroes its own copies.</li>
 *   <li><b>Threads.</b> Every method may be called from many threads at once.</li>
 * </ul>
 */
public interface MasterKeystore extends AutoCloseable {
    /** The version new wraps use: the highest this keystore holds. */
    int currentVersion();

    /** Every version this keystore holds, in ascending order. */
    java.util.SortedSet<Integer> versions();

    /**
     * Wraps a project KEK under the current master key version.
     *
     * @throws Unavailable the backing device cannot be used now
     */
    Wrapped wrap(byte[] kek);

    /**
     * @throws dev.donjon.server.domain.DomainException.Integrity when the wrapped bytes do not unwrap under that
     *                                                            version (tampering, or the wrong master key), or
     *                                                            the version is not in the keystore
     * @throws Unavailable                                        the backing device cannot be used now
     */
    byte[] unwrap(int masterKeyVersion, byte[] wrapped);

    /**
     * Creates version {@code current + 1} and makes it current, durably (in the file or token) before returning.
     *
     * @return the new version
     * @throws UnsupportedOperationException the keystore cannot be rotated from inside Donjon (keys given in the
     *                                       environment)
     */
    int rotate();

    /** Looks again in the backing file or token for versions another process created. */
    void refresh();

    /**
     * Destroys an old version. Callers must first make sure that nothing stored still refers to it (see
     * {@code MasterKeyRotation.retire}); the current version cannot be retired.
     */
    void retire(int version);

    /** A short description for operators and the secret-stores API, e.g. {@code software} or {@code pkcs11}. */
    String backend();

    @Override
    void close();

    /** The backing device cannot be used right now; the message names the reason and never holds key material. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A KEK as wrapped by one master key version. */
    record Wrapped(int masterKeyVersion, byte[] bytes) {
        public Wrapped {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Wrapped that && masterKeyVersion == that.masterKeyVersion
                    && java.util.Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return masterKeyVersion * 31 + java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Wrapped[masterKeyVersion=" + masterKeyVersion + ", " + bytes.length + " bytes]";
        }
    }
}
