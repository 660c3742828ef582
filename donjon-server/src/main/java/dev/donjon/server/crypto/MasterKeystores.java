package dev.donjon.server.crypto;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.port.Store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Opens the master keystore that {@code master_key} names. Creating a master key is a decision: a dev node makes one
 * on first start, a production node only through {@code donjon master-key init}, so that a mistyped data directory
 * or a forgotten key file in front of an existing database is refused instead of silently getting a fresh key.
 */
public final class MasterKeystores {
    /** Takes precedence over the master key file, for deployments that inject keys through the environment. */
    public static final String VARIABLE = "DONJON_MASTER_KEY";

    private MasterKeystores() {
    }

    /**
     * @param create whether a missing master key may be created: {@code master-key init}, or a dev node
     * @throws MasterKeyCheck.Refused no master key and not allowed to create one, or one would be created next to a
     *                                database that already holds wrapped keys, or the HSM cannot be used
     */
    public static MasterKeystore open(DonjonConfig.MasterKey config, Map<String, String> environment, Store store,
                                      SecureRandom random, boolean create) {
        String fromEnvironment = environment.get(VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return SoftwareMasterKeystore.fromText(fromEnvironment);
        }
        boolean mayCreate = create || config.createIfMissing();
        if (config.pkcs11() != null) {
            Pkcs11MasterKeystore keystore = Pkcs11MasterKeystore.open(config.pkcs11(), environment,
                    () -> {
                        if (!mayCreate) {
                            throw refusedWithoutInit("the PKCS#11 token holds no master key labelled "
                                    + config.pkcs11().keyLabel() + ".v1");
                        }
                        MasterKeyCheck.requireNoWrappedKeys(store, "the PKCS#11 token holds no master key labelled "
                                + config.pkcs11().keyLabel() + ".v1");
                    });
            return keystore;
        }
        Path file = config.file();
        if (Files.exists(file)) {
            return SoftwareMasterKeystore.open(file, random);
        }
        MasterKeyCheck.requireNoWrappedKeys(store, "the master key file " + file + " does not exist");
        if (!mayCreate) {
            throw refusedWithoutInit("the master key file " + file + " does not exist");
        }
        return SoftwareMasterKeystore.openOrCreate(file, random);
    }

    private static MasterKeyCheck.Refused refusedWithoutInit(String what) {
        return new MasterKeyCheck.Refused(what + ". A production node never creates a master key on its own (a "
                + "mistyped data_dir or a lost key must not go unnoticed). For a new installation, create it once with "
                + "`donjon master-key init --config <file>`, then start the server; otherwise restore the key "
                + "(or set " + VARIABLE + ").");
    }
}
