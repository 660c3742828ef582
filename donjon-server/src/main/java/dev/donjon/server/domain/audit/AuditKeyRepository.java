package dev.donjon.server.domain.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The audit signing keys: private halves wrapped under the master key, public halves in the clear. */
public interface AuditKeyRepository {
    /** The newest key, if one was made. */
    Optional<StoredAuditKey> newest();

    /** Stores a new key; false when a key already exists (another node made one first), which the caller then uses. */
    boolean insertFirst(StoredAuditKey key);

    /** The keys whose private half is wrapped by a master key version older than {@code masterKeyVersion}. */
    java.util.List<StoredAuditKey> wrappedBefore(int masterKeyVersion);

    /**
     * Replaces a key's wrapped private half if the row still names {@code current}'s master key version (compare and
     * set, as the master key re-wrap does for KEKs).
     *
     * @return whether the row was changed
     */
    boolean rewrap(StoredAuditKey current, int newMasterKeyVersion, byte[] newWrapped);

    /** Every public key (X.509 SubjectPublicKeyInfo, DER) by key id, for verification. */
    Map<String, byte[]> publicKeys();

    /** @param wrappedPrivate the PKCS#8 private key wrapped by master key version {@code masterKeyVersion} */
    record StoredAuditKey(String keyId, int masterKeyVersion, byte[] wrappedPrivate, byte[] publicKey,
                          Instant created) {
        public StoredAuditKey {
            wrappedPrivate = wrappedPrivate.clone();
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] wrappedPrivate() {
            return wrappedPrivate.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public String toString() {
            return "StoredAuditKey[" + keyId + ", master key version " + masterKeyVersion + "]";
        }
    }
}
