package dev.donjon.server.secretstore;

import dev.donjon.server.crypto.KeyHierarchy;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.barbican.SecretStore;
import dev.donjon.server.domain.keys.PayloadProtector;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.port.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The secret stores behind one {@link PayloadProtector}: the key hierarchy (payloads sealed in the database) and,
 * when configured, a {@link KmipSecretStore} (payloads on an external KMIP server). New payloads go to the project's
 * preferred store, otherwise to the global default; each existing payload is opened where it was put, whatever the
 * preferences say now.
 *
 * <p>A payload on the device is stored in the database as a reference: the byte {@link #KMIP_REFERENCE} followed by
 * the device's identifier sealed by the key hierarchy under the secret's binding. Sealing the reference (rather than
 * storing it in the clear) makes the database row as tamper-evident as a sealed payload: a reference moved to another
 * secret, project or type fails to open instead of serving another secret's material.
 */
public final class SecretStoreRouter implements PayloadProtector {
    /** First byte of a reference to a payload on the KMIP device; the key hierarchy's own format starts with 1. */
    static final byte KMIP_REFERENCE = 'K';
    /** The plugin name of the KMIP device store, as secrets record it. */
    public static final String KMIP = "kmip";
    private static final Logger LOG = LoggerFactory.getLogger(SecretStoreRouter.class);

    private final KeyHierarchy hierarchy;
    private final KmipSecretStore device;
    private final Store store;
    private final Map<UUID, String> plugins;
    private final String globalDefault;
    private final boolean onlyGlobalDefault;

    /**
     * @param device the KMIP device, or {@code null} when none is configured
     * @param stores the configured stores (their plugins are the hierarchy's and {@link #KMIP})
     */
    public SecretStoreRouter(KeyHierarchy hierarchy, KmipSecretStore device, Store store, List<SecretStore> stores) {
        this.hierarchy = hierarchy;
        this.device = device;
        this.store = store;
        this.plugins = stores.stream().collect(Collectors.toUnmodifiableMap(SecretStore::id, SecretStore::plugin));
        this.globalDefault = stores.stream().filter(SecretStore::globalDefault).findFirst().orElseThrow().plugin();
        this.onlyGlobalDefault = plugins.values().stream().allMatch(globalDefault::equals);
    }

    /**
     * One indexed read per new secret, not cached: a preference set on any node applies to the next secret created on
     * every node. A preference for a store no longer configured falls back to the global default, so when every
     * configured store is the global default's plugin (no KMIP device: the usual case) the answer is known without
     * the read, a read transaction that cost 6 % of a REST POST's or KMIP Create's CPU.
     */
    @Override
    public String secretStore(ProjectId project) {
        if (onlyGlobalDefault) {
            return globalDefault;
        }
        return store.read(tx -> tx.preferredStores().find(project)).map(plugins::get).orElse(globalDefault);
    }

    @Override
    public SealedPayload seal(PayloadBinding binding, String secretStore, byte[] plaintext) {
        if (!KMIP.equals(secretStore)) {
            return hierarchy.seal(binding, secretStore, plaintext);
        }
        String remote = device().register(binding.id().toString(), binding.type(), plaintext);
        try {
            SealedPayload reference = hierarchy.seal(binding, remote.getBytes(StandardCharsets.UTF_8));
            byte[] bytes = reference.ciphertext();
            byte[] marked = new byte[bytes.length + 1];
            marked[0] = KMIP_REFERENCE;
            System.arraycopy(bytes, 0, marked, 1, bytes.length);
            return new SealedPayload(reference.kekVersion(), marked);
        } catch (RuntimeException e) {
            // The project's key failed (its KEK unavailable): the device's object would be referenced by nothing.
            destroyQuietly(binding, remote, e);
            throw e;
        }
    }

    @Override
    public void prepare(ProjectId project) {
        hierarchy.prepare(project);
    }

    @Override
    public byte[] open(PayloadBinding binding, SealedPayload sealed) {
        String remote = remoteId(binding, sealed);
        return remote == null ? hierarchy.open(binding, sealed) : device().get(remote);
    }

    @Override
    public void release(PayloadBinding binding, SealedPayload sealed) {
        String remote = remoteId(binding, sealed);
        if (remote == null) {
            return;
        }
        try {
            device().destroy(remote);
        } catch (DomainException.Unavailable e) {
            LOG.warn("{} still holds object {} of secret {}: {}", device.device(), remote, binding.id(),
                    e.getMessage());
            throw e;
        }
    }

    /** The device's store is configured: queued releases can be retried. */
    boolean hasDevice() {
        return device != null;
    }

    @Override
    public boolean heldOutside(SealedPayload sealed) {
        byte[] bytes = sealed.ciphertext();
        return bytes.length > 0 && bytes[0] == KMIP_REFERENCE;
    }

    /**
     * A payload registered on the device for a row that was not written: when the device cannot free it now, the
     * release is queued (device_releases) for {@link DeviceReleases} to retry, rather than left as an object that
     * no row references and nobody will free.
     */
    @Override
    public void releaseUnwritten(PayloadBinding binding, SealedPayload sealed, RuntimeException cause) {
        try {
            release(binding, sealed);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            if (heldOutside(sealed)) {
                try {
                    store.write(tx -> {
                        tx.deviceReleases().add(binding, sealed, java.time.Instant.now());
                        tx.deviceReleases().failed(binding.id(), e.getMessage());
                        return null;
                    });
                } catch (RuntimeException queueing) {
                    cause.addSuppressed(queueing);
                }
            }
        }
    }

    /**
     * The KEK rotation's re-encryption ({@link dev.donjon.server.crypto.KekRotation}): a payload sealed in the
     * database is sealed again under {@code kekVersion}; for one held by the KMIP device, the sealed reference to the
     * device's object is, and the device is not touched.
     */
    public SealedPayload reseal(PayloadBinding binding, SealedPayload sealed, int kekVersion) {
        byte[] bytes = sealed.ciphertext();
        if (bytes.length == 0 || bytes[0] != KMIP_REFERENCE) {
            return hierarchy.reseal(binding, sealed, kekVersion);
        }
        SealedPayload reference = hierarchy.reseal(binding, new SealedPayload(sealed.kekVersion(),
                Arrays.copyOfRange(bytes, 1, bytes.length)), kekVersion);
        byte[] inner = reference.ciphertext();
        byte[] marked = new byte[inner.length + 1];
        marked[0] = KMIP_REFERENCE;
        System.arraycopy(inner, 0, marked, 1, inner.length);
        return new SealedPayload(reference.kekVersion(), marked);
    }

    /** The device's identifier of the payload, or {@code null} for a payload sealed in the database. */
    private String remoteId(PayloadBinding binding, SealedPayload sealed) {
        byte[] bytes = sealed.ciphertext();
        if (bytes.length == 0 || bytes[0] != KMIP_REFERENCE) {
            return null;
        }
        byte[] id = hierarchy.open(binding, new SealedPayload(sealed.kekVersion(),
                Arrays.copyOfRange(bytes, 1, bytes.length)));
        return new String(id, StandardCharsets.UTF_8);
    }

    private KmipSecretStore device() {
        if (device == null) {
            throw new DomainException.Unavailable("the payload is held by the KMIP secret store, which is not "
                    + "configured (secret_stores.kmip)");
        }
        return device;
    }

    private void destroyQuietly(PayloadBinding binding, String remote, RuntimeException cause) {
        try {
            device.destroy(remote);
        } catch (RuntimeException e) {
            LOG.warn("{} still holds object {} registered for secret {}, which was not stored: {}", device.device(),
                    remote, binding.id(), e.getMessage());
            cause.addSuppressed(e);
        }
    }
}
