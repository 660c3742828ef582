package dev.donjon.server.crypto;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.DomainException;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The master key in a PKCS#11 token, through the JDK's SunPKCS11 provider. Each version is a non-extractable,
 * sensitive AES-256 key object labelled {@code <key_label>.v<N>}, generated inside the token; KEKs are wrapped and
 * unwrapped by the token with AES-256-GCM (CKM_AES_GCM, which every token implementing PKCS#11 2.40 offers through
 * C_Encrypt, where SoftHSM2 and SunPKCS11 have no common key wrap mechanism), so the master key never leaves it.
 * Wrapped form: a random 12-byte nonce, then the encrypted KEK and its 16-byte tag, with {@value #AAD} as additional
 * data.
 *
 * <p>SunPKCS11 pools the token's sessions; a semaphore bounds how many operations run at once
 * ({@code master_key.max_sessions}), so a burst of cold KEKs queues instead of exhausting the token's sessions.
 * The master key is touched only on a KEK cache miss, never by a warm request.
 *
 * <p>When the token fails (library error, token removed, PIN no longer accepted) the operation throws
 * {@link MasterKeystore.Unavailable}; the next operation logs in again, so service resumes when the token is back.
 */
public final class Pkcs11MasterKeystore implements MasterKeystore {
    private static final Pattern VERSION_LABEL = Pattern.compile("(.+)\\.v([1-9][0-9]{0,8})");
    private static final String WRAP = "AES/GCM/NoPadding";
    private static final String AAD = "donjon project KEK";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Token answers that mean the bytes, not the token, are at fault. */
    private static final java.util.List<String> INTEGRITY_ERRORS = java.util.List.of("CKR_ENCRYPTED_DATA_INVALID",
            "CKR_ENCRYPTED_DATA_LEN_RANGE", "CKR_DATA_LEN_RANGE", "CKR_AEAD_DECRYPT_FAILED", "CKR_SIGNATURE_INVALID");
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    private final DonjonConfig.Pkcs11 config;
    /** Where the PIN is read again when the token must be logged in to again. */
    private final Map<String, String> environment;
    private final Provider provider;
    private final Semaphore sessions;
    private final Map<Integer, SecretKey> handles = new ConcurrentHashMap<>();
    private volatile KeyStore keyStore;

    private Pkcs11MasterKeystore(DonjonConfig.Pkcs11 config, Provider provider, Map<String, String> environment) {
        this.config = config;
        this.environment = Map.copyOf(environment);
        this.provider = provider;
        this.sessions = new Semaphore(config.maxSessions(), true);
    }

    /**
     * Logs in to the token and finds the master key versions.
     *
     * @param environment where {@code pin_env} is looked up
     * @param beforeCreate runs when the token holds no master key, before version 1 is generated in it; it throws to
     *                     refuse ({@code master-key init} and dev mode allow the creation)
     * @throws MasterKeyCheck.Refused the library cannot be loaded, the token is missing or the PIN is refused; the
     *                                message says which
     */
    public static Pkcs11MasterKeystore open(DonjonConfig.Pkcs11 config, Map<String, String> environment,
                                            Runnable beforeCreate) {
        if (!Files.isReadable(config.library())) {
            throw new MasterKeyCheck.Refused("the PKCS#11 library " + config.library() + " does not exist or is "
                    + "unreadable (master_key.library)");
        }
        long slot = config.slot() >= 0 ? config.slot()
                : Pkcs11Slots.byTokenLabel(config.library(), config.tokenLabel());
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure("--" + providerConfig(config, slot));
        } catch (RuntimeException e) {
            throw new MasterKeyCheck.Refused("the PKCS#11 token cannot be used (library " + config.library()
                    + ", slot " + slot + "): " + reason(e));
        }
        Pkcs11MasterKeystore keystore = new Pkcs11MasterKeystore(config, provider, environment);
        char[] pin = pin(config, environment);
        try {
            keystore.login(pin);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new MasterKeyCheck.Refused("cannot log in to the PKCS#11 token (library " + config.library()
                    + ", slot " + slot + "): " + reason(e));
        } finally {
            Arrays.fill(pin, '\0');
        }
        if (keystore.versions().isEmpty()) {
            try {
                beforeCreate.run();
            } catch (RuntimeException e) {
                keystore.close();
                throw e;
            }
            keystore.generate(1);
        }
        return keystore;
    }

    @Override
    public int currentVersion() {
        SortedSet<Integer> versions = versions();
        if (versions.isEmpty()) {
            throw new Unavailable("the PKCS#11 token holds no master key labelled " + config.keyLabel(), null);
        }
        return versions.last();
    }

    @Override
    public SortedSet<Integer> versions() {
        SortedSet<Integer> versions = new TreeSet<>();
        try {
            for (String alias : Collections.list(keyStore().aliases())) {
                Matcher matcher = VERSION_LABEL.matcher(alias);
                if (matcher.matches() && matcher.group(1).equals(config.keyLabel())) {
                    versions.add(Integer.parseInt(matcher.group(2)));
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw unavailable("listing the master key versions", e);
        }
        return Collections.unmodifiableSortedSet(versions);
    }

    @Override
    public Wrapped wrap(byte[] kek) {
        int version = currentVersion();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return withSession("wrapping a KEK", () -> {
            Cipher cipher = Cipher.getInstance(WRAP, provider);
            cipher.init(Cipher.ENCRYPT_MODE, handle(version), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(AAD.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(kek);
            byte[] wrapped = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, wrapped, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, wrapped, NONCE_BYTES, sealed.length);
            return new Wrapped(version, wrapped);
        });
    }

    @Override
    public byte[] unwrap(int masterKeyVersion, byte[] wrapped) {
        if (wrapped.length <= NONCE_BYTES + TAG_BITS / 8) {
            throw new DomainException.Integrity("the wrapped KEK is too short for master key version "
                    + masterKeyVersion);
        }
        return withSession("unwrapping a KEK", () -> {
            SecretKey master = handle(masterKeyVersion);
            Cipher cipher = Cipher.getInstance(WRAP, provider);
            cipher.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_BYTES));
            cipher.updateAAD(AAD.getBytes(StandardCharsets.US_ASCII));
            try {
                return cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
            } catch (javax.crypto.AEADBadTagException e) {
                throw integrity(masterKeyVersion);
            } catch (GeneralSecurityException | java.security.ProviderException e) {
                if (INTEGRITY_ERRORS.stream().anyMatch(code -> reason(e).contains(code))) {
                    throw integrity(masterKeyVersion);
                }
                throw e;
            }
        });
    }

    private static DomainException.Integrity integrity(int version) {
        return new DomainException.Integrity("the wrapped KEK does not unwrap under master key version " + version);
    }

    @Override
    public int rotate() {
        int next = currentVersion() + 1;
        generate(next);
        return next;
    }

    @Override
    public void retire(int version) {
        if (version == currentVersion()) {
            throw new IllegalArgumentException("master key version " + version + " is current");
        }
        withSession("destroying master key version " + version, () -> {
            keyStore().deleteEntry(label(version));
            handles.remove(version);
            return null;
        });
    }

    @Override
    public String backend() {
        return "pkcs11";
    }

    @Override
    public void close() {
        handles.clear();
        try {
            if (provider instanceof java.security.AuthProvider auth) {
                auth.logout();
            }
        } catch (Exception e) {
            // Nothing to do: the session ends with the process.
        }
    }

    @Override
    public String toString() {
        return "Pkcs11MasterKeystore[library=" + config.library() + ", key=" + config.keyLabel() + "]";
    }

    /** Whether the token would hand out that version's key material (it never should). */
    boolean exportable(int version) {
        return withSession("inspecting master key version " + version, () -> handle(version).getEncoded() != null);
    }

    private void generate(int version) {
        withSession("creating master key version " + version, () -> {
            KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
            generator.init(256);
            // The provider's generate template (see providerConfig) makes it sensitive and non-extractable; the
            // key store copies it into a token object under its label.
            keyStore().setEntry(label(version), new KeyStore.SecretKeyEntry(generator.generateKey()), null);
            return null;
        });
    }

    private SecretKey handle(int version) throws GeneralSecurityException {
        SecretKey cached = handles.get(version);
        if (cached != null) {
            return cached;
        }
        Key key = keyStore().getKey(label(version), null);
        if (key == null) {
            // Another process may have created it since the token was listed.
            refresh();
            key = keyStore().getKey(label(version), null);
        }
        if (!(key instanceof SecretKey secret)) {
            throw new DomainException.Integrity("master key version " + version + " is not in the PKCS#11 token");
        }
        handles.put(version, secret);
        return secret;
    }

    private String label(int version) {
        return config.keyLabel() + ".v" + version;
    }

    private KeyStore keyStore() {
        KeyStore current = keyStore;
        if (current == null) {
            synchronized (this) {
                if (keyStore == null) {
                    char[] pin = pin(config, environment);
                    try {
                        login(pin);
                    } catch (GeneralSecurityException | IOException e) {
                        throw unavailable("logging in", e);
                    } finally {
                        Arrays.fill(pin, '\0');
                    }
                }
                current = keyStore;
            }
        }
        return current;
    }

    /** Re-reads the token's objects (a version another process created). */
    @Override
    public synchronized void refresh() {
        keyStore = null;
        keyStore();
    }

    private synchronized void login(char[] pin) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS11", provider);
        store.load(null, pin);
        keyStore = store;
    }

    private <T> T withSession(String what, TokenCall<T> call) {
        boolean acquired = false;
        try {
            acquired = sessions.tryAcquire(30, TimeUnit.SECONDS);
            if (!acquired) {
                throw new Unavailable("no PKCS#11 session became free within 30 s while " + what
                        + " (master_key.max_sessions " + config.maxSessions() + ")", null);
            }
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while " + what, e);
        } catch (DomainException | Unavailable e) {
            throw e;
        } catch (Exception e) {
            throw unavailable(what, e);
        } finally {
            if (acquired) {
                sessions.release();
            }
        }
    }

    /** Forgets the login and key handles, so that the next operation starts over with the token. */
    private Unavailable unavailable(String what, Exception e) {
        synchronized (this) {
            keyStore = null;
            handles.clear();
        }
        return new Unavailable("the PKCS#11 token failed while " + what + ": " + reason(e), e);
    }

    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !reason.toString().contains(t.getMessage())) {
                if (!reason.isEmpty()) {
                    reason.append(": ");
                }
                reason.append(t.getMessage());
            }
        }
        return reason.isEmpty() ? e.getClass().getSimpleName() : reason.toString();
    }

    private static char[] pin(DonjonConfig.Pkcs11 config, Map<String, String> environment) {
        if (config.pinFile() != null) {
            try {
                byte[] bytes = Files.readAllBytes(config.pinFile());
                try {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    int end = text.indexOf('\n');
                    return (end < 0 ? text : text.substring(0, end)).strip().toCharArray();
                } finally {
                    Arrays.fill(bytes, (byte) 0);
                }
            } catch (IOException e) {
                throw new MasterKeyCheck.Refused("cannot read the PKCS#11 PIN file " + config.pinFile() + ": "
                        + e.getMessage());
            }
        }
        String pin = environment.get(config.pinVariable());
        if (pin == null || pin.isEmpty()) {
            throw new MasterKeyCheck.Refused("the PKCS#11 PIN is not set: put it in the environment variable "
                    + config.pinVariable() + " or in a file named by master_key.pin_file");
        }
        return pin.toCharArray();
    }

    private static String providerConfig(DonjonConfig.Pkcs11 config, long slot) {
        return """
                name = Donjon
                library = %s
                slot = %d
                attributes(generate, CKO_SECRET_KEY, CKK_AES) = {
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                  CKA_WRAP = true
                  CKA_UNWRAP = true
                }
                """.formatted(config.library(), slot);
    }

    @FunctionalInterface
    private interface TokenCall<T> {
        T run() throws Exception;
    }
}
