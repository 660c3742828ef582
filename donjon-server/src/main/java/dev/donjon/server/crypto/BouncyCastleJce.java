package dev.donjon.server.crypto;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/**
 * BouncyCastle's JCE provider, made on first use. Building it registers several hundred algorithm classes, a large
 * share of a server's start-up CPU, for what only encrypted PEM keys (read or written on request) need.
 */
final class BouncyCastleJce {
    private BouncyCastleJce() {
    }

    /** The one instance, made when first asked for (the holder class initialises then). */
    static Provider provider() {
        return Holder.PROVIDER;
    }

    private static final class Holder {
        private static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
