package dev.donjon.server.crypto;

/**
 * Where the master key lives: a software key file, or an HSM that never lets it out. The master key only ever wraps
 * project KEKs; it is versioned so that it can be rotated while KEKs wrapped by older versions stay readable.
 */
public interface MasterKeystore extends AutoCloseable {
    /** The version new wraps use. */
    int currentVersion();

    /** Every version this keystore holds, in ascending order. */
    java.util.SortedSet<Integer> versions();

    /** Wraps a project KEK under the current master key version. */
    Wrapped wrap(byte[] kek);

    /**
     * @throws dev.donjon.server.domain.DomainException.Integrity when the wrapped bytes do not unwrap under that
     *                                                            version (tampering, or the wrong master key)
     */
    byte[] unwrap(int masterKeyVersion, byte[] wrapped);

    /** A short description for operators and the secret-stores API, e.g. {@code software}. */
    String backend();

    @Override
    void close();

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
