package dev.donjon.server.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.keys.PayloadProtector;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.keys.WrappedKek;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

/**
 * Master key → project KEK → payload. Each project gets an AES-256 KEK on its first seal, stored wrapped by the
 * master key; payloads are sealed with AES-256-GCM under the project's current KEK, with the secret's id, project,
 * KEK version and type as additional data, so that ciphertext moved to another row, project or type fails to open.
 * Unwrapped KEKs are cached so that the master key (possibly an HSM) is touched only on a miss.
 */
public final class KeyHierarchy implements PayloadProtector {
    private static final Logger LOG = LoggerFactory.getLogger(KeyHierarchy.class);
    /** First byte of every sealed payload, so that the layout can change without guessing. */
    private static final byte FORMAT_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEK_BYTES = 32;
    private static final String GCM = "AES/GCM/NoPadding";
    /**
     * How long a node seals under the KEK version it last read as a project's current one: after a KEK rotation (in
     * another process), new writes move to the new version within this time, and {@link KekRotation} retires an old
     * version only well after it (a seal under a version that is then deleted would be lost). One indexed read per
     * project per period, on writes only.
     */
    public static final Duration CURRENT_VERSION_TTL = Duration.ofSeconds(5);

    private final MasterKeystore master;
    private final Store store;
    private final SecureRandom random;
    private final Clock clock;
    private final Cache<KekRef, SecretKey> keks;
    private final Cache<ProjectId, Integer> currentVersions;
    private final java.util.concurrent.atomic.AtomicLong lastUnavailableLog =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - Duration.ofMinutes(2).toNanos());
    private final Cache<KekRef, Boolean> alarmed = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();
    /**
     * The provider that the first lookup of AES-GCM chose, resolved once: looking it up again on every seal and open
     * (parsing the transformation, walking the provider list) cost more than the decryption of a key.
     */
    private final Provider gcmProvider;
    /**
     * An AES-GCM cipher per thread (a REST connection's or a KMIP connection's), initialised afresh for each payload
     * with its own nonce: {@code Cipher.getInstance} on every seal and open, and the AES key schedule that a new
     * cipher computes for the same KEK, were 3 % of a REST POST's CPU. It keeps the last KEK it used, which the KEK
     * cache holds as well, until its thread (a connection's) ends or it is initialised with another.
     */
    private final ThreadLocal<Cipher> gcm;
    private final KekEncryptionBudget budget;
    /** What a client is told when the master keystore cannot serve a KEK cache miss (REST 503, KMIP General Failure). */
    static final String KEYSTORE_UNAVAILABLE = "The master keystore (HSM) is unavailable, so the project's key cannot "
            + "be unwrapped or created now; nothing was changed. Try again later.";
    /** One automatic rotation at a time on this node: the requests that found the budget spent wait for it. */
    private final Object rotating = new Object();

    public KeyHierarchy(MasterKeystore master, Store store, SecureRandom random, Clock clock) {
        this(master, store, random, clock, KekEncryptionBudget.DEFAULT_LIMIT);
    }

    /** @param kekMaxEncryptions how many payloads one KEK version may seal before the project's KEK is rotated */
    public KeyHierarchy(MasterKeystore master, Store store, SecureRandom random, Clock clock, long kekMaxEncryptions) {
        this.budget = new KekEncryptionBudget(store, kekMaxEncryptions);
        this.master = master;
        this.store = store;
        this.random = random;
        this.clock = clock;
        this.keks = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(15))
                .recordStats().build();
        this.currentVersions = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(CURRENT_VERSION_TTL)
                .build();
        try {
            this.gcmProvider = Cipher.getInstance(GCM).getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName(), e);
        }
        this.gcm = ThreadLocal.withInitial(() -> {
            try {
                return Cipher.getInstance(GCM, gcmProvider);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName(), e);
            }
        });
    }

    /** Seals into this hierarchy's own store; the only one it has, so {@code secretStore} must name it. */
    @Override
    public SealedPayload seal(PayloadBinding binding, String secretStore, byte[] plaintext) {
        if (!secretStore().equals(secretStore)) {
            throw new IllegalArgumentException("the key hierarchy is secret store " + secretStore() + ", not "
                    + secretStore);
        }
        return seal(binding, plaintext);
    }

    public SealedPayload seal(PayloadBinding binding, byte[] plaintext) {
        int version = currentVersions.get(binding.project(), this::currentOrCreate);
        if (!budget.take(binding.project(), version)) {
            version = rotateSpent(binding.project(), version);
            if (!budget.take(binding.project(), version)) {
                throw spent(binding.project(), version);
            }
        }
        return encrypt(binding, plaintext, version);
    }

    /** Seals under a given version (re-encryption), within that version's budget. */
    private SealedPayload sealWith(PayloadBinding binding, byte[] plaintext, int version) {
        if (!budget.take(binding.project(), version)) {
            // The re-encryption job tries again at its next pass, under the version made now.
            rotateSpent(binding.project(), version);
            throw spent(binding.project(), version);
        }
        return encrypt(binding, plaintext, version);
    }

    /**
     * The project's KEK version {@code spent} may encrypt nothing more: makes the next version (unless another
     * request or node already did) and returns the current one.
     */
    private int rotateSpent(ProjectId project, int spent) {
        synchronized (rotating) {
            int current = storedCurrent(project, spent);
            if (current <= spent) {
                try {
                    KekRotation.rotate(master, store, random, clock, project, " (version " + spent
                            + " reached its limit of " + budget.limit() + " encryptions)");
                    LOG.info("project {}'s KEK version {} reached its limit of {} encryptions: rotated", project.value(),
                            spent, budget.limit());
                } catch (IllegalStateException e) {
                    // Another node rotated at the same moment, or the keystore is unavailable: the re-read says which.
                    LOG.debug("automatic KEK rotation of project {}: {}", project.value(), e.getMessage());
                }
                current = storedCurrent(project, spent);
            }
            currentVersions.put(project, current);
            return current;
        }
    }

    private int storedCurrent(ProjectId project, int fallback) {
        return store.read(tx -> tx.projectKeys().current(project)).map(WrappedKek::version).orElse(fallback);
    }

    private static DomainException.Unavailable spent(ProjectId project, int version) {
        return new DomainException.Unavailable("KEK version " + version + " of project " + project.value()
                + " has made all the encryptions its nonce budget allows and no newer version could be made; try "
                + "again later");
    }

    private SealedPayload encrypt(PayloadBinding binding, byte[] plaintext, int version) {
        SecretKey kek = kek(binding.project(), version);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = gcm.get();
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(binding, version));
            byte[] sealed = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            sealed[0] = FORMAT_V1;
            System.arraycopy(nonce, 0, sealed, 1, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, 1 + NONCE_BYTES);
            return new SealedPayload(version, sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Publishes the unwrapped-KEK cache's hits, misses, evictions and size as {@code cache_*{cache="kek"}}: a miss
     * is a master keystore (HSM) round trip.
     */
    public void instrument(io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(registry, keks, "kek");
    }

    @Override
    public void prepare(ProjectId project) {
        int version = currentVersions.get(project, this::currentOrCreate);
        // Sealing inside the coming transaction must not reserve nonce budget: that is a write of its own, which
        // the transaction's writer (SQLite) cannot start while it holds the transaction.
        budget.reserveAhead(project, version);
    }

    /** The master keystore's backend ({@code software}, {@code pkcs11}): the secret store its keys make. */
    public String secretStore() {
        return master.backend();
    }

    @Override
    public String secretStore(ProjectId project) {
        return secretStore();
    }

    /** Nothing to free: the payload is only in the database. */
    @Override
    public void release(PayloadBinding binding, SealedPayload sealed) {
    }

    @Override
    public byte[] open(PayloadBinding binding, SealedPayload sealed) {
        byte[] bytes = sealed.ciphertext();
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != FORMAT_V1) {
            throw new DomainException.Integrity("sealed payload of " + binding.id() + " is malformed");
        }
        SecretKey kek = kek(binding.project(), sealed.kekVersion());
        try {
            Cipher cipher = gcm.get();
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(aad(binding, sealed.kekVersion()));
            return cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new DomainException.Integrity("sealed payload of " + binding.id() + " failed authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Opens a payload under whichever KEK version sealed it and seals it again under {@code kekVersion}, for the
     * same binding: the KEK rotation's re-encryption. The plaintext is zeroed before this returns.
     */
    public SealedPayload reseal(PayloadBinding binding, SealedPayload sealed, int kekVersion) {
        byte[] clear = open(binding, sealed);
        try {
            return sealWith(binding, clear, kekVersion);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    private SecretKey kek(ProjectId project, int version) {
        return keks.get(new KekRef(project, version), ref -> {
            WrappedKek wrapped = store.read(tx -> tx.projectKeys().find(ref.project(), ref.version()))
                    .orElseThrow(() -> alarm(ref, "is missing"));
            return unwrap(ref, wrapped);
        });
    }

    private SecretKey unwrap(KekRef ref, WrappedKek wrapped) {
        byte[] raw;
        try {
            raw = master.unwrap(wrapped.masterKeyVersion(), wrapped.wrapped());
        } catch (MasterKeystore.Unavailable e) {
            throw unavailable(e);
        } catch (DomainException.Integrity e) {
            throw alarm(ref, "does not unwrap under master key version " + wrapped.masterKeyVersion()
                    + " (tampered row, or not the master key that wrapped it)");
        }
        try {
            if (raw.length != KEK_BYTES) {
                throw alarm(ref, "has the wrong length");
            }
            return new SecretKeySpec(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * A KEK that cannot be used is an integrity alarm, logged for the operator (at most once a minute per KEK, since
     * every request for the project meets it) and answered as unavailable; it never leads to a new KEK.
     */
    private DomainException.Integrity alarm(KekRef ref, String what) {
        String message = "KEK version " + ref.version() + " of project " + ref.project().value() + " " + what;
        if (alarmed.asMap().putIfAbsent(ref, Boolean.TRUE) == null) {
            LOG.error("INTEGRITY ALARM: {}", message);
        }
        return DomainException.Integrity.keyUnavailable(message);
    }

    /**
     * The master keystore (an HSM) cannot be used now: the request is answered 503 with that reason (not the integrity
     * alarm's "cannot be unwrapped", which sends an operator looking for tampering) and nothing is written; the next
     * cache miss tries the keystore again. Logged at most once a minute, with the token's own reason.
     */
    private DomainException.Unavailable unavailable(MasterKeystore.Unavailable e) {
        long now = System.nanoTime();
        long last = lastUnavailableLog.get();
        if (now - last > Duration.ofMinutes(1).toNanos() && lastUnavailableLog.compareAndSet(last, now)) {
            LOG.error("master keystore unavailable: {}", e.getMessage());
        }
        return new DomainException.Unavailable(KEYSTORE_UNAVAILABLE);
    }

    /**
     * The project's current KEK version, creating version 1 when it has none. Two nodes may race to create it: the
     * store keeps the first insert, and the loser uses the winner's KEK.
     */
    private int currentOrCreate(ProjectId project) {
        var existing = store.read(tx -> tx.projectKeys().current(project));
        if (existing.isPresent()) {
            return existing.get().version();
        }
        byte[] raw = new byte[KEK_BYTES];
        random.nextBytes(raw);
        try {
            MasterKeystore.Wrapped wrapped;
            try {
                wrapped = master.wrap(raw);
            } catch (MasterKeystore.Unavailable e) {
                throw unavailable(e);
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            WrappedKek kek = new WrappedKek(project, 1, wrapped.masterKeyVersion(), wrapped.bytes(), now);
            boolean created = store.write(tx -> {
                boolean inserted = tx.projectKeys().insertIfAbsent(kek);
                if (inserted) {
                    tx.audit().append(new AuditEvent(now, null, null, project.value(), null, null,
                            null, Action.PROJECT_KEK_CREATE, "kek/" + project.value() + "/1", AuditEvent.Outcome.SUCCESS,
                            "wrapped by master key version " + wrapped.masterKeyVersion()));
                }
                return inserted;
            });
            if (created) {
                keks.put(new KekRef(project, 1), new SecretKeySpec(raw, "AES"));
            }
            return 1;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Length-prefixed fields, so that no two different bindings can produce the same bytes. */
    private static byte[] aad(PayloadBinding binding, int kekVersion) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
            DataOutputStream out = new DataOutputStream(bytes);
            UUID id = binding.id().value();
            out.writeLong(id.getMostSignificantBits());
            out.writeLong(id.getLeastSignificantBits());
            writeField(out, binding.project().value());
            out.writeInt(kekVersion);
            writeField(out, binding.type().name());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeField(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private record KekRef(ProjectId project, int version) {
    }
}
