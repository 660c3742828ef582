package dev.donjon.cli;

import dev.donjon.server.auth.ApiTokens;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.store.JdbcStore;
import dev.donjon.server.store.StoreConfig;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The store and the API tokens in it, without the rest of a node: tokens are stored as hashes, not under the master
 * key, so the token commands need neither the master keystore nor the key hierarchy and start in a fraction of the
 * time {@code Node.open} takes.
 */
final class TokenRegistry implements AutoCloseable {
    private final JdbcStore store;
    private final ApiTokens tokens;

    private TokenRegistry(JdbcStore store, ApiTokens tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    static TokenRegistry open(DonjonConfig.Database database) {
        JdbcStore store = JdbcStore.open(new StoreConfig(database.url(), database.user(), database.password(), 1));
        try {
            return new TokenRegistry(store, new ApiTokens(store, SecureRandom.getInstance("DRBG"), Clock.systemUTC()));
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            store.close();
            throw e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("the JDK's DRBG SecureRandom is unavailable", e);
        }
    }

    ApiTokens tokens() {
        return tokens;
    }

    @Override
    public void close() {
        store.close();
    }
}
