package dev.donjon.server.config;

import java.nio.file.Path;

/**
 * Everything a Donjon node needs to start. Built from YAML with {@code DONJON_*} environment overrides
 * ({@link ConfigLoader}), or by {@code server --dev} from a data directory.
 *
 * @param publicUrl base of every link in responses; {@code null} means the address the server listens on
 * @param tls       server certificate and key, or {@code null} to serve plain HTTP
 */
public record DonjonConfig(
        Path dataDir,
        Listen listen,
        String publicUrl,
        Tls tls,
        boolean behindTlsProxy,
        Database database,
        MasterKey masterKey,
        Auth auth,
        Limits limits,
        Kmip kmip,
        Jobs jobs,
        Lockbox lockbox,
        KmipStore kmipStore,
        Notifications notifications) {

    /** Without lockbox transfer, a KMIP device as a secret store, nor usage notifications. */
    public DonjonConfig(Path dataDir, Listen listen, String publicUrl, Tls tls, boolean behindTlsProxy,
                        Database database, MasterKey masterKey, Auth auth, Limits limits, Kmip kmip, Jobs jobs) {
        this(dataDir, listen, publicUrl, tls, behindTlsProxy, database, masterKey, auth, limits, kmip, jobs, null,
                KmipStore.DISABLED, Notifications.DISABLED);
    }

    /** Without a KMIP device as a secret store nor usage notifications. */
    public DonjonConfig(Path dataDir, Listen listen, String publicUrl, Tls tls, boolean behindTlsProxy,
                        Database database, MasterKey masterKey, Auth auth, Limits limits, Kmip kmip, Jobs jobs,
                        Lockbox lockbox) {
        this(dataDir, listen, publicUrl, tls, behindTlsProxy, database, masterKey, auth, limits, kmip, jobs, lockbox,
                KmipStore.DISABLED, Notifications.DISABLED);
    }

    /** Without usage notifications (they need a broker; the YAML configuration or a test turns them on). */
    public DonjonConfig(Path dataDir, Listen listen, String publicUrl, Tls tls, boolean behindTlsProxy,
                        Database database, MasterKey masterKey, Auth auth, Limits limits, Kmip kmip, Jobs jobs,
                        Lockbox lockbox, KmipStore kmipStore) {
        this(dataDir, listen, publicUrl, tls, behindTlsProxy, database, masterKey, auth, limits, kmip, jobs, lockbox,
                kmipStore, Notifications.DISABLED);
    }

    /** This configuration with {@code store} as its KMIP device secret store. */
    public DonjonConfig withKmipStore(KmipStore store) {
        return new DonjonConfig(dataDir, listen, publicUrl, tls, behindTlsProxy, database, masterKey, auth, limits,
                kmip, jobs, lockbox, store, notifications);
    }

    /** This configuration publishing usage notifications as {@code notifications} says. */
    public DonjonConfig withNotifications(Notifications newNotifications) {
        return new DonjonConfig(dataDir, listen, publicUrl, tls, behindTlsProxy, database, masterKey, auth, limits,
                kmip, jobs, lockbox, kmipStore, newNotifications);
    }

    /** This configuration with lockbox transfer as {@code lockbox} says ({@code null}: none). */
    public DonjonConfig withLockbox(Lockbox newLockbox) {
        return new DonjonConfig(dataDir, listen, publicUrl, tls, behindTlsProxy, database, masterKey, auth, limits,
                kmip, jobs, newLockbox, kmipStore, notifications);
    }

    /**
     * Lockbox transfer between servers (docs/lockbox.md).
     *
     * @param identity      this server's name as origin and recipient
     * @param signingKey    PEM private key (EC P-256/384/521 or RSA) that signs the lockboxes this server seals
     * @param encryptionKey PEM private key (EC or RSA) that opens the lockboxes peers seal for this server
     * @param maxAge        how old a lockbox may be when imported
     * @param peers         the other servers, each with the certificate that verifies what it signs and/or the one
     *                      this server encrypts for it
     */
    public record Lockbox(String identity, Path signingKey, Path encryptionKey, java.time.Duration maxAge,
                          java.util.List<LockboxPeer> peers, boolean proxy, java.time.Duration reportInterval) {
        /** How often an edge sends its owners what they have not acknowledged (lockbox.report_interval_seconds). */
        public static final java.time.Duration DEFAULT_REPORT_INTERVAL = java.time.Duration.ofSeconds(30);

        public Lockbox {
            peers = java.util.List.copyOf(peers);
        }

        /** Reporting to owners every {@link #DEFAULT_REPORT_INTERVAL}. */
        public Lockbox(String identity, Path signingKey, Path encryptionKey, java.time.Duration maxAge,
                       java.util.List<LockboxPeer> peers, boolean proxy) {
            this(identity, signingKey, encryptionKey, maxAge, peers, proxy, DEFAULT_REPORT_INTERVAL);
        }

        /** Without proxy mode. */
        public Lockbox(String identity, Path signingKey, Path encryptionKey, java.time.Duration maxAge,
                       java.util.List<LockboxPeer> peers) {
            this(identity, signingKey, encryptionKey, maxAge, peers, false);
        }
    }

    /**
     * @param signingCertificate, encryptionCertificate PEM certificates, either may be {@code null}
     * @param url                the peer's REST base URL, where this server (in proxy mode) forwards writes refused on
     *                           the peer's replicas; {@code null} for none
     * @param tlsCa              PEM CA certificate(s) that verify the peer's TLS certificate at {@code url}, or
     *                           {@code null} for the JDK's trust store
     * @param acceptProxiedCalls whether the peer may forward its callers' requests here, each call asserted with its
     *                           signing key (docs/replication.md)
     * @param push               where to push this server's changes for the peer (replication, docs/replication.md),
     *                           or {@code null}: the peer gets no pushes. In proxy mode, also where KMIP writes refused
     *                           on the peer's replicas are forwarded, and the client certificate this server presents
     *                           when it forwards (over KMIP and over HTTPS)
     * @param clientCertificate  PEM: the TLS client certificate the peer presents when it forwards its callers' requests
     *                           here (its {@code push.client_certificate}); required to admit them, or {@code null}
     */
    public record LockboxPeer(String name, Path signingCertificate, Path encryptionCertificate, String url,
                              Path tlsCa, boolean acceptProxiedCalls, ReplicationPush push, Path clientCertificate) {
        /** Without a pinned client certificate: the peer's forwarded calls, if accepted, are refused. */
        public LockboxPeer(String name, Path signingCertificate, Path encryptionCertificate, String url, Path tlsCa,
                           boolean acceptProxiedCalls, ReplicationPush push) {
            this(name, signingCertificate, encryptionCertificate, url, tlsCa, acceptProxiedCalls, push, null);
        }

        /** A peer that gets no pushes and neither forwards nor takes forwarded calls. */
        public LockboxPeer(String name, Path signingCertificate, Path encryptionCertificate) {
            this(name, signingCertificate, encryptionCertificate, null, null, false, null, null);
        }
    }

    /**
     * The peer's KMIP endpoint and the mutual TLS material to reach it (lockbox.peers[].push).
     *
     * @param serverCa          PEM bundle the peer's KMIP server certificate must chain to
     * @param clientCertificate this server's client certificate, which the peer maps to the project its replicas
     *                          live in (kmip.identities there)
     * @param clientKey         its private key (PEM, PKCS#8)
     * @param projects          the peer receives only objects of these projects (all when empty)
     * @param groups            the peer receives only objects with one of these Object Groups (all when empty)
     */
    public record ReplicationPush(String host, int port, Path serverCa, Path clientCertificate, Path clientKey,
                                 java.util.List<String> projects, java.util.List<String> groups) {
        public ReplicationPush {
            projects = java.util.List.copyOf(projects);
            groups = java.util.List.copyOf(groups);
        }

        /** A peer that receives every object this server owns. */
        public ReplicationPush(String host, int port, Path serverCa, Path clientCertificate, Path clientKey) {
            this(host, port, serverCa, clientCertificate, clientKey, java.util.List.of(), java.util.List.of());
        }
    }

    /** Without lifecycle jobs (programmatic configurations; the YAML configuration and dev mode enable them). */
    public DonjonConfig(Path dataDir, Listen listen, String publicUrl, Tls tls, boolean behindTlsProxy,
                        Database database, MasterKey masterKey, Auth auth, Limits limits, Kmip kmip) {
        this(dataDir, listen, publicUrl, tls, behindTlsProxy, database, masterKey, auth, limits, kmip, Jobs.DEFAULT,
                null);
    }

    /** A configuration without the KMIP listener. */
    public DonjonConfig(Path dataDir, Listen listen, String publicUrl, Tls tls, boolean behindTlsProxy,
                        Database database, MasterKey masterKey, Auth auth, Limits limits) {
        this(dataDir, listen, publicUrl, tls, behindTlsProxy, database, masterKey, auth, limits, Kmip.DISABLED);
    }

    /**
     * The KMIP listener: mutual TLS only, the client certificate naming the caller.
     *
     * @param certificate     the server certificate chain (PEM), by default the REST one
     * @param clientCas       the CAs whose client certificates are accepted (PEM bundle)
     * @param identities      which certificate subject CN acts in which project with which roles; others are refused
     * @param maxMessageBytes the largest request message accepted
     * @param idleTimeout     how long a connection may stay silent before the server closes it
     */
    /** @param leaseTime what Obtain Lease grants (kmip.lease_time_seconds); zero for no lease limit */
    public record Kmip(boolean enabled, Listen listen, Path certificate, Path privateKey, Path clientCas,
                       java.util.List<KmipIdentity> identities, int maxMessageBytes,
                       java.time.Duration idleTimeout, java.time.Duration leaseTime) {
        public static final int DEFAULT_PORT = 5696;
        public static final java.time.Duration DEFAULT_LEASE_TIME = java.time.Duration.ofHours(1);
        public static final Kmip DISABLED = new Kmip(false, new Listen("0.0.0.0", DEFAULT_PORT), null, null, null,
                java.util.List.of(), 1 << 20, java.time.Duration.ofMinutes(5));

        public Kmip {
            identities = java.util.List.copyOf(identities);
        }

        /** With the default lease time. */
        public Kmip(boolean enabled, Listen listen, Path certificate, Path privateKey, Path clientCas,
                    java.util.List<KmipIdentity> identities, int maxMessageBytes, java.time.Duration idleTimeout) {
            this(enabled, listen, certificate, privateKey, clientCas, identities, maxMessageBytes, idleTimeout,
                    DEFAULT_LEASE_TIME);
        }
    }

    /** @param commonName the client certificate's subject CN; @param roles Barbican role names */
    public record KmipIdentity(String commonName, String project, java.util.List<String> roles) {
        public KmipIdentity {
            roles = java.util.List.copyOf(roles);
        }
    }

    public record Listen(String host, int port) {
    }

    public record Tls(Path certificate, Path privateKey) {
    }

    /**
     * @param url               a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
     * @param connectionTimeout how long a call waits for a pooled connection, and PostgreSQL for a new one to be
     *                          established, before it fails (503): a database gone away answers in that time, not in
     *                          the pool's default 30 s
     */
    public record Database(String url, String user, String password, int poolSize,
                           java.time.Duration connectionTimeout) {
        public static final java.time.Duration DEFAULT_CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(5);

        public Database(String url, String user, String password, int poolSize) {
            this(url, user, password, poolSize, DEFAULT_CONNECTION_TIMEOUT);
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                    + ", poolSize=" + poolSize + ", connectionTimeout=" + connectionTimeout + "]";
        }
    }

    /**
     * Where the master key lives ({@code master_key}).
     *
     * @param file            the software master key file; the environment variable DONJON_MASTER_KEY takes
     *                        precedence
     * @param createIfMissing whether starting creates a missing master key (dev mode); a production node refuses
     *                        to start without one and {@code donjon master-key init} creates it
     * @param pkcs11          the HSM holding the master key, or {@code null} for the software keystore
     */
    public record MasterKey(Path file, boolean createIfMissing, Pkcs11 pkcs11) {
        /** A software key file, created when missing (dev mode and tests). */
        public MasterKey(Path file) {
            this(file, true, null);
        }

        public String backend() {
            return pkcs11 == null ? "software" : "pkcs11";
        }
    }

    /**
     * A PKCS#11 token reached through the JDK's SunPKCS11 provider ({@code master_key.backend: pkcs11}).
     *
     * @param library     the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so
     * @param slot        the slot id, or -1 to choose the token by label
     * @param tokenLabel  the token's label, used when slot is -1
     * @param pinFile     a file holding the user PIN (first line), or null
     * @param pinVariable the environment variable holding the user PIN, used when pinFile is null
     * @param keyLabel    the master key's label in the token; version N is the key labelled {@code keyLabel.vN}
     * @param maxSessions how many HSM operations run at once; the rest wait
     */
    public record Pkcs11(Path library, long slot, String tokenLabel, Path pinFile, String pinVariable,
                         String keyLabel, int maxSessions) {
    }

    /**
     * Which authenticators run, and how another project's objects are answered. Trusted headers are never on unless
     * configured.
     *
     * @param foreignObjectsAsMissing answer another project's secret, container or ACL with the 404 of a missing
     *                                object instead of Barbican's 403 ({@code auth.foreign_objects_as_missing})
     */
    public record Auth(boolean apiTokens, boolean trustedHeaders, boolean foreignObjectsAsMissing, Keystone keystone,
                       java.util.List<JwtIssuer> jwtIssuers, boolean restClientCertificates) {
        public Auth {
            jwtIssuers = java.util.List.copyOf(jwtIssuers);
        }

        /** Barbican's answers: another project's object is 403. */
        public Auth(boolean apiTokens, boolean trustedHeaders) {
            this(apiTokens, trustedHeaders, false);
        }

        /** Without Keystone, JWT issuers or REST client certificates. */
        public Auth(boolean apiTokens, boolean trustedHeaders, boolean foreignObjectsAsMissing) {
            this(apiTokens, trustedHeaders, foreignObjectsAsMissing, null, java.util.List.of(), false);
        }

        public Auth withKeystone(Keystone keystone) {
            return new Auth(apiTokens, trustedHeaders, foreignObjectsAsMissing, keystone, jwtIssuers,
                    restClientCertificates);
        }

        public Auth withJwtIssuers(java.util.List<JwtIssuer> issuers) {
            return new Auth(apiTokens, trustedHeaders, foreignObjectsAsMissing, keystone, issuers,
                    restClientCertificates);
        }

        public Auth withRestClientCertificates(boolean enabled) {
            return new Auth(apiTokens, trustedHeaders, foreignObjectsAsMissing, keystone, jwtIssuers, enabled);
        }
    }

    /**
     * Keystone v3 token validation ({@code auth.keystone}). Donjon authenticates itself to Keystone either with a
     * service user's password (a project-scoped token it renews) or with a fixed service token.
     *
     * @param url          Keystone's base URL, e.g. {@code http://keystone:5000} (with or without {@code /v3})
     * @param serviceToken a fixed token to validate with, or {@code null} to log in as the service user
     * @param cacheBound   the longest a validated token is trusted without asking Keystone again
     * @param timeout      connect and response timeout of each call to Keystone
     * @param cacheSize    how many validated tokens are kept
     */
    public record Keystone(String url, String serviceUser, String servicePassword, String serviceProject,
                           String serviceDomain, String serviceToken, java.time.Duration cacheBound,
                           java.time.Duration timeout, int cacheSize) {
        public static final java.time.Duration DEFAULT_CACHE_BOUND = java.time.Duration.ofMinutes(5);

        @Override
        public String toString() {
            return "Keystone[url=" + url + ", serviceUser=" + serviceUser + ", serviceProject=" + serviceProject
                    + ", credentials=" + (serviceToken != null ? "token" : "password") + ", cacheBound=" + cacheBound
                    + "]";
        }
    }

    /**
     * One trusted issuer of JWT bearer tokens ({@code auth.jwt.issuers}).
     *
     * @param issuer       the exact {@code iss} claim
     * @param audience     the {@code aud} value a token must contain
     * @param jwksUrl      where the issuer publishes its keys, or {@code null} when {@code jwksFile} is set
     * @param jwksFile     a local JWK set, or {@code null}
     * @param clockSkew    tolerance on {@code exp} and {@code nbf}
     * @param jwksRefresh  how long fetched keys are used before they are fetched again (an unknown {@code kid}
     *                     fetches at once, at most once per minute)
     * @param projectClaim the claim naming the project
     * @param userClaim    the claim naming the user
     * @param rolesClaim   the claim holding the roles (a list or a space/comma separated string)
     */
    public record JwtIssuer(String issuer, String audience, String jwksUrl, Path jwksFile,
                            java.time.Duration clockSkew, java.time.Duration jwksRefresh, String projectClaim,
                            String userClaim, String rolesClaim) {
    }

    /**
     * @param maxSecretBytes  the largest payload accepted (Barbican's {@code max_allowed_secret_in_bytes})
     * @param maxRequestBytes the largest request body accepted; larger bodies get 413
     * @param connections     how many connections each listener holds and how long they may stay silent
     * @param failedAuth      how failed authentications are aggregated in the audit trail and throttled
     */
    public record Limits(int maxSecretBytes, int maxRequestBytes, Connections connections, FailedAuth failedAuth,
                         ClientKeys clientKeys) {
        public static final Limits BARBICAN = new Limits(20_000, 25_000);

        /** With the default connection limits, failed-authentication handling and client key sizes. */
        public Limits(int maxSecretBytes, int maxRequestBytes) {
            this(maxSecretBytes, maxRequestBytes, Connections.DEFAULT, FailedAuth.DEFAULT, ClientKeys.DEFAULT);
        }
    }

    /**
     * The weakest keys a client certificate may carry (KMIP's mutual TLS); weaker ones are refused and audited even
     * when a trusted CA signed them.
     */
    public record ClientKeys(int minRsaBits, int minEcBits) {
        public static final ClientKeys DEFAULT = new ClientKeys(2048, 256);
    }

    /**
     * @param interval  failed authentications of one client address are summed up per interval in the audit trail
     *                  (the first written at once, the rest as one summary event when the interval ends)
     * @param perSource how many failures an address may have in an interval; beyond, its requests are answered 429
     *                  until the interval ends
     */
    public record FailedAuth(java.time.Duration interval, int perSource) {
        public static final FailedAuth DEFAULT = new FailedAuth(java.time.Duration.ofSeconds(10), 50);
    }

    /**
     * @param restMax     the most connections the REST listener holds at once; 0 sizes it from the descriptor limit
     * @param kmipMax     the same for the KMIP listener
     * @param readTimeout how long a connection may stay silent: the TLS handshake, each read of a request, and the
     *                    wait for the next request on a kept-alive REST connection (KMIP's idle wait is
     *                    {@link Kmip#idleTimeout})
     */
    public record Connections(int restMax, int kmipMax, java.time.Duration readTimeout) {
        public static final Connections DEFAULT = new Connections(0, 0, java.time.Duration.ofSeconds(20));
    }

    /** The base URL links are built from. */
    public String effectivePublicUrl(int boundPort) {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl;
        }
        String host = listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host();
        return (tls == null ? "http" : "https") + "://" + host + ":" + boundPort;
    }

    /**
     * An external KMIP server as a second secret store ({@code secret_stores.kmip}): the secrets of projects that
     * prefer it (or of every project, when it is the global default) keep their material there.
     *
     * @param name          the store's name in {@code /v1/secret-stores}
     * @param certificate   Donjon's client certificate (PEM) for mutual TLS
     * @param privateKey    its key (PEM, PKCS#8)
     * @param serverCa      the CAs that the device's server certificate must chain to (PEM bundle)
     * @param timeout       for connecting and for each answer
     * @param globalDefault whether new secrets go there unless their project prefers the software store
     */
    public record KmipStore(boolean enabled, String name, String host, int port, Path certificate, Path privateKey,
                            Path serverCa, java.time.Duration timeout, boolean globalDefault) {
        public static final KmipStore DISABLED = new KmipStore(false, "KMIP HSM", "", 5696, null, null, null,
                java.time.Duration.ofSeconds(10), false);
    }

    /**
     * The scheduled lifecycle jobs (docs/lifecycle-jobs.md): each runs at most once per interval across the nodes
     * sharing the database.
     *
     * @param poll               how often this node looks for due jobs
     * @param lease              how long a running node's lease binds the others (longer than any batch takes)
     * @param batch              the most objects a job handles per run
     * @param expiration         interval of the Barbican expiration job
     * @param lifecycleDates     interval of the KMIP Activation/Deactivation Date job
     * @param purge              interval of the destroyed-object purge
     * @param destroyedRetention how long a destroyed object's metadata stays before it is purged
     * @param kekRetireGrace     how long after a project KEK rotation its older versions may be retired (the KEK
     *                           re-encryption job runs whether or not {@code enabled}, as the master key re-wrap does)
     * @param kekMaxEncryptions  the AES-GCM nonce budget: how many payloads one project KEK version may seal before
     *                           the project's KEK is rotated (at most 2^32; docs/key-hierarchy.md, "Nonce budget")
     * @param locateAnchorRetention how long a deleted object keeps its place in Locate's order for a Locate paging
     *                           after it (x-donjon-after); pruned every {@code purge} interval
     */
    public record Jobs(boolean enabled, java.time.Duration poll, java.time.Duration lease, int batch,
                       java.time.Duration expiration, java.time.Duration lifecycleDates, java.time.Duration purge,
                       java.time.Duration destroyedRetention, java.time.Duration kekRetireGrace,
                       long kekMaxEncryptions, java.time.Duration locateAnchorRetention) {
        public static final java.time.Duration DEFAULT_KEK_RETIRE_GRACE = java.time.Duration.ofSeconds(60);
        public static final java.time.Duration DEFAULT_LOCATE_ANCHOR_RETENTION = java.time.Duration.ofDays(7);

        /** With the default nonce budget and anchor retention. */
        public Jobs(boolean enabled, java.time.Duration poll, java.time.Duration lease, int batch,
                    java.time.Duration expiration, java.time.Duration lifecycleDates, java.time.Duration purge,
                    java.time.Duration destroyedRetention, java.time.Duration kekRetireGrace) {
            this(enabled, poll, lease, batch, expiration, lifecycleDates, purge, destroyedRetention, kekRetireGrace,
                    dev.donjon.server.crypto.KekEncryptionBudget.DEFAULT_LIMIT, DEFAULT_LOCATE_ANCHOR_RETENTION);
        }

        /** Off, with the YAML defaults' intervals. */
        public static final Jobs DEFAULT = new Jobs(false, java.time.Duration.ofSeconds(30),
                java.time.Duration.ofMinutes(5), 1000, java.time.Duration.ofMinutes(1),
                java.time.Duration.ofMinutes(1), java.time.Duration.ofHours(1), java.time.Duration.ofDays(30),
                DEFAULT_KEK_RETIRE_GRACE);
        /** On, with the YAML defaults: what a production node and the dev server run. */
        public static final Jobs ON = new Jobs(true, DEFAULT.poll(), DEFAULT.lease(), DEFAULT.batch(),
                DEFAULT.expiration(), DEFAULT.lifecycleDates(), DEFAULT.purge(), DEFAULT.destroyedRetention(),
                DEFAULT.kekRetireGrace());
    }

    /**
     * Usage notifications ({@code notifications.*}): the audit events as CADF, published to RabbitMQ the way an
     * oslo.messaging notifier does (docs/notifications.md).
     *
     * @param url         the broker, {@code amqp://host:port/vhost} or {@code amqps://...}
     * @param user        the broker user; {@code null} takes the one in the URL, else guest
     * @param password    its password
     * @param exchange    oslo.messaging's {@code control_exchange} of the listeners ({@code openstack} by default)
     * @param topic       the notification topic; messages go to routing key {@code <topic>.info}
     * @param durable     declare the exchange and queue durable, as oslo.messaging does when
     *                    {@code amqp_durable_queues} is set (both sides must agree)
     * @param publisherId the notifications' {@code publisher_id}
     */
    public record Notifications(boolean enabled, String url, String user, String password, String exchange,
                                String topic, boolean durable, String publisherId) {
        public static final Notifications DISABLED = new Notifications(false, "amqp://127.0.0.1:5672/", null, null,
                "openstack", "notifications", false, "donjon");

        @Override
        public String toString() {
            return "Notifications[enabled=" + enabled + ", url=" + url.replaceAll("//[^/@]*@", "//***@") + ", user="
                    + user + ", password=" + (password == null ? "none" : "***") + ", exchange=" + exchange
                    + ", topic=" + topic + ", durable=" + durable + ", publisherId=" + publisherId + "]";
        }
    }
}
