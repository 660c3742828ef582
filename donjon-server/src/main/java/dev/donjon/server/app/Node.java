package dev.donjon.server.app;

import dev.donjon.server.audit.Checkpoints;
import dev.donjon.server.domain.audit.AuditEvents;
import dev.donjon.server.auth.ApiTokens;
import dev.donjon.server.crypto.AuditSigningKey;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.JcaKeyCryptography;
import dev.donjon.server.crypto.JcaKeyGenerator;
import dev.donjon.server.crypto.JoseLockboxSealer;
import dev.donjon.server.domain.transfer.EdgeReports;
import dev.donjon.server.domain.transfer.ProxiedCalls;
import dev.donjon.server.domain.transfer.LockboxService;
import dev.donjon.server.domain.replication.OwnerChannel;
import dev.donjon.server.domain.replication.Promotion;
import dev.donjon.server.replication.ReplicationPush;
import dev.donjon.server.crypto.KeyHierarchy;
import dev.donjon.server.crypto.MasterKeyCheck;
import dev.donjon.server.crypto.MasterKeyRotation;
import dev.donjon.server.crypto.KekRotation;
import dev.donjon.server.crypto.MasterKeystore;
import dev.donjon.server.crypto.RsaKeyPairPool;
import dev.donjon.server.crypto.MasterKeystores;
import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.AclService;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.barbican.ContainerService;
import dev.donjon.server.domain.barbican.OrderService;
import dev.donjon.server.domain.barbican.QuotaService;
import dev.donjon.server.domain.barbican.Quotas;
import dev.donjon.server.domain.barbican.SecretConsumerService;
import dev.donjon.server.domain.barbican.SecretStore;
import dev.donjon.server.domain.barbican.SecretStoreService;
import dev.donjon.server.domain.barbican.SecretService;
import dev.donjon.server.domain.pki.CaService;
import dev.donjon.server.domain.pki.CertificateOrders;
import dev.donjon.server.crypto.BcX509Engine;
import dev.donjon.server.notify.NotificationRelay;
import dev.donjon.server.notify.OsloNotifications;
import dev.donjon.server.store.JdbcStore;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.secretstore.KmipSecretStore;
import dev.donjon.server.secretstore.SecretStoreRouter;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.server.store.StoreConfig;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The parts of a Donjon node that do not face the network: store, master keystore, key hierarchy and the domain
 * services. The server and the administrative CLI commands both open one.
 */
public final class Node implements AutoCloseable {
    /** Takes precedence over the master key file, for deployments that inject keys through the environment. */
    public static final String MASTER_KEY_VARIABLE = MasterKeystores.VARIABLE;
    /** How often each node signs the audit chain's head (when it moved). */
    static final java.time.Duration CHECKPOINT_INTERVAL = java.time.Duration.ofSeconds(10);

    private final DonjonConfig config;
    private final JdbcStore store;
    private final MasterKeystore masterKeystore;
    private final SecretService secrets;
    private final ContainerService containers;
    private final SecretConsumerService secretConsumers;
    private final KeyService keys;
    private final SecureRandom random;
    private final KeyCryptography cryptography;
    private final OrderService orders;
    private final AclService acls;
    private final QuotaService quotas;
    private final SecretStoreService secretStores;
    private final RsaKeyPairPool rsaPool;
    private final ApiTokens tokens;
    private final Clock clock;
    private final KeyHierarchy hierarchy;
    private final AccessPolicy policy;
    private final Quotas quotaRules;
    private final BcX509Engine x509;
    private final AuditSigningKey auditKey;
    private final Checkpoints checkpoints;
    private final LockboxService lockboxes;
    private final EdgeReports edgeReports;
    private final ProxiedCalls proxiedCalls;
    private MasterKeyRotation rotation;
    private KekRotation kekRotation;
    private NotificationRelay notificationRelay;
    /** The replication sender, on a serving node whose lockbox peers include push peers. */
    private ReplicationPush replicationPush;
    /** Wakes the sender as a change is recorded; nothing until it runs (CLI commands only record). */
    private volatile Runnable changeRecorded = () -> { };
    /** How often queued KMIP device releases are retried (docs/kmip-secret-store.md). */
    private static final java.time.Duration DEVICE_RELEASE_INTERVAL = java.time.Duration.ofSeconds(10);
    private dev.donjon.server.secretstore.DeviceReleases deviceReleases;
    private dev.donjon.server.replication.EdgeReportDelivery edgeReportDelivery;
    private dev.donjon.server.notify.NotificationBacklog notificationBacklog;
    /** Wakes the relay as a notification is added; nothing until the relay runs (CLI commands only add). */
    private volatile Runnable notificationAdded = () -> { };
    /** The KMIP device secret store, or {@code null} when none is configured. */
    private final KmipSecretStore kmipStore;
    private final SecretStoreRouter payloads;

    private Node(DonjonConfig config, JdbcStore store, MasterKeystore masterKeystore, SecureRandom random,
                 Clock clock) {
        this.config = config;
        this.store = store;
        this.masterKeystore = masterKeystore;
        this.clock = clock;
        KeyHierarchy hierarchy = new KeyHierarchy(masterKeystore, store, random, clock,
                config.jobs().kekMaxEncryptions());
        AccessPolicy policy = new AccessPolicy(config.auth().foreignObjectsAsMissing());
        Quotas quotas = Quotas.unlimited();
        this.hierarchy = hierarchy;
        this.policy = policy;
        this.quotaRules = quotas;
        this.x509 = new BcX509Engine(random);
        java.util.List<SecretStore> stores = secretStores(config.kmipStore(), hierarchy.secretStore(), clock);
        this.kmipStore = config.kmipStore().enabled() ? new KmipSecretStore(kmipClientConfig(config.kmipStore()))
                : null;
        this.payloads = new SecretStoreRouter(hierarchy, kmipStore, store, stores);
        this.secrets = new SecretService(store, payloads, policy, clock, config.limits().maxSecretBytes(), quotas);
        this.containers = new ContainerService(store, policy, clock, quotas);
        this.secretConsumers = new SecretConsumerService(store, policy, clock, quotas);
        this.acls = new AclService(store, policy, clock);
        this.quotas = new QuotaService(store, policy, clock, quotas);
        this.secretStores = new SecretStoreService(store, policy, clock, stores);
        // Filled once the server's listeners are open (DonjonServer.start), off the start-up's critical path.
        this.rsaPool = new RsaKeyPairPool(random, false);
        this.random = random;
        this.cryptography = new JcaKeyCryptography(random);
        this.keys = new KeyService(store, payloads, policy, new JcaKeyGenerator(random, rsaPool), clock,
                config.limits().maxSecretBytes(), quotas);
        this.orders = new OrderService(store, policy, clock, quotas, payloads, new JcaKeyGenerator(random, rsaPool));
        this.tokens = new ApiTokens(store, random, clock);
        DonjonConfig.Lockbox lockbox = config.lockbox();
        JoseLockboxSealer sealer = lockbox == null ? null : JoseLockboxSealer.open(lockbox, clock);
        this.lockboxes = lockbox == null ? null : new LockboxService(store, keys, sealer, policy, clock,
                lockbox.identity(), lockbox.maxAge());
        this.edgeReports = lockbox == null ? null : new EdgeReports(store, keys, sealer, policy, clock, lockbox.identity(),
                lockbox.maxAge());
        this.proxiedCalls = lockbox == null ? null : new ProxiedCalls(store, sealer, clock, lockbox.identity(),
                trustedProxies(lockbox));
        this.auditKey = AuditSigningKey.loadOrCreate(masterKeystore, store, random, clock.instant());
        this.checkpoints = new Checkpoints(store, auditKey, clock, store.node(), CHECKPOINT_INTERVAL);
        if (!pushPeers(config).isEmpty()) {
            // Every change from now on, by requests, jobs or CLI commands, is recorded in the replication log in its
            // own transaction; a serving node's sender pushes it (startBackgroundJobs).
            store.recordChanges(() -> changeRecorded.run());
        }
        if (config.notifications().enabled()) {
            // Every event appended from now on, by requests, jobs or CLI commands, adds its notification in its own
            // transaction; a serving node's relay delivers them (startBackgroundJobs).
            store.onAppend(new OsloNotifications(config.notifications().publisherId(),
                    () -> notificationAdded.run()));
        }
    }

    /**
     * Opens the store, then the master key, and verifies that key against the database (see {@link MasterKeyCheck})
     * before anything can be written under it.
     *
     * @throws MasterKeyCheck.Refused the master key is missing, or not the one that wrapped the database's keys
     */
    public static Node open(DonjonConfig config) {
        return open(config, Clock.systemUTC(), false);
    }

    /** With the clock every service reads the time from (tests move time by hand). */
    public static Node open(DonjonConfig config, Clock clock) {
        return open(config, clock, false);
    }

    /**
     * @param createMasterKey whether a missing master key is created ({@code donjon master-key init}); a dev
     *                        configuration creates it anyway
     */
    public static Node open(DonjonConfig config, boolean createMasterKey) {
        return open(config, Clock.systemUTC(), createMasterKey);
    }

    private static Node open(DonjonConfig config, Clock clock, boolean createMasterKey) {
        SecureRandom random = drbg();
        DonjonConfig.Database database = config.database();
        JdbcStore store = JdbcStore.open(new StoreConfig(database.url(), database.user(), database.password(),
                database.poolSize(), database.connectionTimeout()));
        MasterKeystore masterKeystore = null;
        try {
            masterKeystore = MasterKeystores.open(config.masterKey(), System.getenv(), store, random,
                    createMasterKey);
            MasterKeyCheck.verify(masterKeystore, store, random, clock);
            return new Node(config, store, masterKeystore, random, clock);
        } catch (RuntimeException e) {
            if (masterKeystore != null) {
                masterKeystore.close();
            }
            store.close();
            throw e;
        }
    }

    public DonjonConfig config() {
        return config;
    }

    public JdbcStore store() {
        return store;
    }

    public MasterKeystore masterKeystore() {
        return masterKeystore;
    }

    public KeyHierarchy keyHierarchy() {
        return hierarchy;
    }

    public SecretService secrets() {
        return secrets;
    }

    public ContainerService containers() {
        return containers;
    }

    public SecretConsumerService secretConsumers() {
        return secretConsumers;
    }

    public OrderService orders() {
        return orders;
    }

    public AclService acls() {
        return acls;
    }

    public QuotaService quotas() {
        return quotas;
    }

    public SecretStoreService secretStores() {
        return secretStores;
    }

    /** Secrets as KMIP managed objects. */
    public KeyService keys() {
        return keys;
    }

    /** The node's DRBG, for protocol edges that hand out randomness (KMIP RNG Retrieve, IVs). */
    /** Cryptography with managed keys, for the edges that serve it (KMIP's Encrypt, Sign, MAC...). */
    public KeyCryptography cryptography() {
        return cryptography;
    }

    public SecureRandom random() {
        return random;
    }

    /**
     * The certificate authorities, their root made if this is the deployment's first start. Built by the server
     * because the URLs that certificates name depend on the bound address.
     */
    public CaService certificateAuthorities(CaService.Endpoints endpoints) {
        CaService cas = new CaService(store, policy, clock, quotaRules, hierarchy, x509, endpoints);
        cas.ensureRoot();
        return cas;
    }

    public CertificateOrders certificateOrders(CaService cas) {
        return new CertificateOrders(store, policy, clock, quotaRules, payloads, cas, x509);
    }

    public BcX509Engine x509() {
        return x509;
    }

    /** Proxy mode's assertions of forwarded calls, if this node has a lockbox identity. */
    /**
     * The peers that may forward calls here, each with the fingerprint of the TLS client certificate it must present
     * (empty without one configured: its calls are refused).
     */
    private static java.util.Map<String, String> trustedProxies(DonjonConfig.Lockbox lockbox) {
        java.util.Map<String, String> trusted = new java.util.LinkedHashMap<>();
        for (DonjonConfig.LockboxPeer peer : lockbox.peers()) {
            if (peer.acceptProxiedCalls()) {
                trusted.put(peer.name(), peer.clientCertificate() == null ? ""
                        : dev.donjon.server.auth.ClientIdentities.fingerprint(
                        dev.donjon.server.crypto.Pem.readCertificates(peer.clientCertificate()).getFirst()));
            }
        }
        return trusted;
    }

    public java.util.Optional<ProxiedCalls> proxiedCalls() {
        return java.util.Optional.ofNullable(proxiedCalls);
    }

    /** Usage reports between edges and owners, if this node has a lockbox identity. */
    public java.util.Optional<EdgeReports> edgeReports() {
        return java.util.Optional.ofNullable(edgeReports);
    }

    /** Lockbox transfer, if this node has a lockbox identity (configuration {@code lockbox}). */
    /** Promotion of replicas, through the replication channel once the sender runs. */
    public Promotion promotion() {
        return new Promotion(keys, replicationPush == null ? OwnerChannel.NONE : replicationPush);
    }

    /** The lockbox peers that get this server's changes pushed, by name, in configuration order. */
    private static java.util.Map<String, DonjonConfig.ReplicationPush> pushPeers(DonjonConfig config) {
        java.util.Map<String, DonjonConfig.ReplicationPush> peers = new java.util.LinkedHashMap<>();
        if (config.lockbox() != null) {
            config.lockbox().peers().stream().filter(peer -> peer.push() != null)
                    .forEach(peer -> peers.put(peer.name(), peer.push()));
        }
        return peers;
    }

    public java.util.Optional<LockboxService> lockboxes() {
        return java.util.Optional.ofNullable(lockboxes);
    }

    public ApiTokens tokens() {
        return tokens;
    }

    /** The key that signs audit checkpoints; its public half verifies them. */
    public AuditSigningKey auditKey() {
        return auditKey;
    }

    public AuditEvents auditEvents() {
        return new AuditEvents(store, policy, clock);
    }

    public Checkpoints auditCheckpoints() {
        return checkpoints;
    }

    public Clock clock() {
        return clock;
    }

    /** Starts filling the RSA key pair pools: after the listeners are open, so that the start does not wait for it. */
    public void prefillKeyPairs() {
        rsaPool.prefillSoon();
    }

    /**
     * Starts the jobs a serving node runs in the background: the master key re-wrap (see {@link MasterKeyRotation})
     * and the project KEK re-encryption (see {@link KekRotation}), each polling every two seconds, their leases
     * lasting fifteen so that another node takes over soon after this one dies.
     */
    public void startBackgroundJobs() {
        String holder = java.net.InetAddress.getLoopbackAddress().getHostName() + "/" + ProcessHandle.current().pid()
                + "/" + Long.toHexString(random.nextLong());
        try {
            holder = java.net.InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid() + "/"
                    + Long.toHexString(random.nextLong() & 0xFFFFFF);
        } catch (java.net.UnknownHostException e) {
            // The loopback name above identifies the holder well enough.
        }
        rotation = new MasterKeyRotation(masterKeystore, store, store.jobLeases(), clock, holder, java.time.Duration.ofSeconds(15))
                .start(java.time.Duration.ofSeconds(2));
        kekRotation = new KekRotation(payloads::reseal, store, store.jobLeases(), clock, holder,
                java.time.Duration.ofSeconds(15), config.jobs().kekRetireGrace()).start(java.time.Duration.ofSeconds(2));
        if (lockboxes != null && !pushPeers(config).isEmpty()) {
            replicationPush = ReplicationPush.start(store, store.jobLeases(), lockboxes, clock, holder,
                    pushPeers(config));
            changeRecorded = replicationPush::wake;
        }
        if (edgeReports != null) {
            edgeReportDelivery = dev.donjon.server.replication.EdgeReportDelivery.create(edgeReports,
                    store.jobLeases(), clock, holder, config.lockbox().peers());
            if (edgeReportDelivery != null) {
                edgeReportDelivery.start(config.lockbox().reportInterval());
            }
        }
        if (kmipStore != null) {
            deviceReleases = new dev.donjon.server.secretstore.DeviceReleases(payloads, store, store.jobLeases(), clock,
                    holder).start(DEVICE_RELEASE_INTERVAL);
        }
        if (config.notifications().enabled()) {
            notificationRelay = NotificationRelay.start(store, store.jobLeases(), clock, holder,
                    config.notifications());
            notificationAdded = notificationRelay::wake;
        }
    }

    /** The relay's state and the outbox's backlog as metrics (docs/notifications.md, "Watching the backlog"). */
    public void instrumentNotifications(io.micrometer.core.instrument.MeterRegistry registry) {
        if (notificationRelay != null) {
            notificationRelay.instrument(registry);
        }
        // Held by the node: a gauge holds its source weakly, and a collected source reads NaN.
        notificationBacklog = new dev.donjon.server.notify.NotificationBacklog(store, clock);
        notificationBacklog.instrument(registry);
    }

    @Override
    public void close() {
        if (edgeReportDelivery != null) {
            edgeReportDelivery.close();
        }
        if (deviceReleases != null) {
            deviceReleases.close();
        }
        if (rotation != null) {
            rotation.close();
        }
        if (kekRotation != null) {
            kekRotation.close();
        }
        if (notificationRelay != null) {
            notificationRelay.close();
        }
        if (replicationPush != null) {
            replicationPush.close();
        }
        rsaPool.close();
        if (kmipStore != null) {
            kmipStore.close();
        }
        checkpoints.close();
        store.close();
        masterKeystore.close();
    }

    /**
     * The software (or PKCS#11) keystore, always there, and the KMIP device when configured; the device is the global
     * default only when its configuration says so.
     */
    private static java.util.List<SecretStore> secretStores(DonjonConfig.KmipStore kmip, String hierarchyPlugin,
                                                            Clock clock) {
        java.util.List<SecretStore> stores = new java.util.ArrayList<>();
        stores.add(SecretStore.named("Software Keystore", hierarchyPlugin, !kmip.enabled() || !kmip.globalDefault(),
                clock.instant()));
        if (kmip.enabled()) {
            stores.add(SecretStore.named(kmip.name(), SecretStoreRouter.KMIP, kmip.globalDefault(), clock.instant()));
        }
        return stores;
    }

    private static KmipClient.Config kmipClientConfig(DonjonConfig.KmipStore kmip) {
        return KmipClient.Config.of(kmip.host(), kmip.port(),
                        TlsContexts.client(kmip.serverCa(), kmip.certificate(), kmip.privateKey()))
                .withTimeouts(kmip.timeout(), kmip.timeout());
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's DRBG SecureRandom is unavailable", e);
        }
    }
}
