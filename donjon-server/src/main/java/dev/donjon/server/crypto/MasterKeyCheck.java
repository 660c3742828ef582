package dev.donjon.server.crypto;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.keys.WrappedKek;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Proves at start that the configured master key is the one that wrapped the database's keys, before anything is
 * written under it. Each master key version has a key check value in the database (random bytes it wrapped); every
 * version the database refers to must be in the keystore and unwrap its check value and one of the KEKs it wraps.
 * A node that fails the check refuses to start with the reason: a node running on the wrong key would answer errors
 * on every existing secret and, worse, seal new projects' secrets under a key the right one cannot open.
 */
public final class MasterKeyCheck {
    private static final int CHECK_BYTES = 32;

    private MasterKeyCheck() {
    }

    /** Why a node refuses to start with the master key it was given. The message is for the operator. */
    public static final class Refused extends IllegalStateException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Refuses to let a new master key file be generated next to a database that already holds wrapped keys: the new
     * key could open none of them.
     */
    public static void requireNoWrappedKeys(Store store, String missing) {
        Set<Integer> versions = versionsInDatabase(store);
        if (!versions.isEmpty()) {
            throw new Refused(missing + ", but the database holds keys wrapped by master key version(s) " + versions
                    + ": restore that key (file, DONJON_MASTER_KEY or token)."
                    + " No new master key is generated, because it could open none of the stored secrets.");
        }
    }

    /**
     * Verifies the keystore against the database and records the check value of its current version if the
     * database has none yet.
     *
     * @throws Refused the keystore lacks a version the database uses, or one of its versions is not the key that
     *                 wrapped the database's check value or KEKs
     */
    public static void verify(MasterKeystore keystore, Store store, SecureRandom random, Clock clock) {
        verifyAgainstDatabase(keystore, store);
        int current = keystore.currentVersion();
        if (store.read(tx -> tx.projectKeys().masterKeyChecks().containsKey(current))) {
            return;
        }
        byte[] canary = new byte[CHECK_BYTES];
        random.nextBytes(canary);
        MasterKeystore.Wrapped check;
        try {
            check = keystore.wrap(canary);
        } finally {
            Arrays.fill(canary, (byte) 0);
        }
        if (!store.write(tx -> tx.projectKeys().insertMasterKeyCheckIfAbsent(check.masterKeyVersion(), check.bytes(),
                clock.instant()))) {
            // Another node recorded the check value of this version first, perhaps under another key.
            verifyAgainstDatabase(keystore, store);
        }
    }

    private static void verifyAgainstDatabase(MasterKeystore keystore, Store store) {
        Map<Integer, byte[]> checks = store.read(tx -> tx.projectKeys().masterKeyChecks());
        Set<Integer> inUse = store.read(tx -> tx.projectKeys().masterKeyVersionsInUse());
        Set<Integer> versions = new TreeSet<>(checks.keySet());
        versions.addAll(inUse);
        for (int version : versions) {
            if (!keystore.versions().contains(version)) {
                throw new Refused("the database holds keys wrapped by master key version " + version + ", which the "
                        + "configured master key (" + keystore.backend() + ", versions " + keystore.versions()
                        + ") does not have: wrong key file or DONJON_MASTER_KEY");
            }
            byte[] check = checks.get(version);
            if (check != null && !unwraps(keystore, version, check)) {
                throw wrongKey(version, "its key check value");
            }
            if (inUse.contains(version)) {
                Optional<WrappedKek> kek = store.read(tx -> tx.projectKeys().anyWrappedBy(version));
                if (kek.isPresent() && !unwraps(keystore, version, kek.get().wrapped())) {
                    throw wrongKey(version, "the KEK of project " + kek.get().project().value());
                }
            }
        }
    }

    private static Refused wrongKey(int version, String what) {
        return new Refused("master key version " + version + " does not unwrap " + what + " in the database: it is "
                + "not the master key that wrapped this database's keys (wrong key file or DONJON_MASTER_KEY). "
                + "Refusing to start, so that nothing is written under the wrong key.");
    }

    private static boolean unwraps(MasterKeystore keystore, int version, byte[] wrapped) {
        try {
            Arrays.fill(keystore.unwrap(version, wrapped), (byte) 0);
            return true;
        } catch (DomainException.Integrity e) {
            return false;
        }
    }

    private static Set<Integer> versionsInDatabase(Store store) {
        Set<Integer> versions = new TreeSet<>();
        versions.addAll(store.read(tx -> tx.projectKeys().masterKeyChecks().keySet()));
        versions.addAll(store.read(tx -> tx.projectKeys().masterKeyVersionsInUse()));
        return versions;
    }
}
