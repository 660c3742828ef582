package dev.donjon.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Production configuration: a YAML file, then {@code DONJON_<PATH>} environment variables (e.g.
 * {@code DONJON_DATABASE_URL} for {@code database.url}), then the checks that make a misconfigured server refuse to
 * start rather than run insecurely.
 */
public final class ConfigLoader {
    private static final String DEFAULTS = """
            data_dir: /var/lib/donjon
            listen: {host: 0.0.0.0, port: 9311}
            public_url: ""
            tls: {certificate: "", private_key: ""}
            behind_tls_proxy: false
            database: {url: "", user: "", password: "", pool_size: 16, connection_timeout_seconds: 5}
            master_key: {backend: software, file: "", library: "", slot: -1, token_label: "", pin_file: "",
                         pin_env: "DONJON_HSM_PIN", key_label: donjon-master, max_sessions: 8}
            auth: {api_tokens: true, trusted_headers: false, foreign_objects_as_missing: false,
                   keystone: {url: "", service_user: "", service_password: "", service_project: "",
                              service_domain: Default, service_token: "", cache_seconds: 300, timeout_seconds: 5,
                              cache_size: 10000},
                   jwt: {issuers: []},
                   client_certificates: false}
            limits: {max_secret_bytes: 20000, max_request_bytes: 25000,
                     connections: {rest_max: 0, kmip_max: 0, read_timeout_seconds: 20},
                     failed_auth: {interval_seconds: 10, per_source: 50},
                     client_keys: {min_rsa_bits: 2048, min_ec_bits: 256}}
            kmip: {enabled: false, listen: {host: 0.0.0.0, port: 5696}, certificate: "", private_key: "",
                   client_ca: "", identities: [], max_message_bytes: 1048576, idle_timeout_seconds: 300,
                   lease_time_seconds: 3600}
            jobs: {enabled: true, poll_seconds: 30, lease_seconds: 300, batch: 1000,
                   expiration_interval_seconds: 60, lifecycle_dates_interval_seconds: 60,
                   purge_interval_seconds: 3600, destroyed_retention_days: 30, kek_retire_grace_seconds: 60,
                   kek_max_encryptions: 2147483648, locate_anchor_retention_days: 7}
            notifications: {enabled: false, url: "amqp://127.0.0.1:5672/", user: "", password: "",
                            exchange: openstack, topic: notifications, durable: false, publisher_id: donjon}
            secret_stores:
              kmip: {enabled: false, name: "KMIP HSM", host: "", port: 5696, client_certificate: "", client_key: "",
                     server_ca: "", timeout_seconds: 10, global_default: false}
            logging: {format: text, level: INFO, levels: {}, access_log: true}
            lockbox: {identity: "", signing_key: "", encryption_key: "", max_age_seconds: 300, proxy: false,
                      report_interval_seconds: 30, peers: []}
            """;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The keys of one {@code kmip.identities} entry. */
    static final List<String> IDENTITY_KEYS = List.of("common_name", "project", "roles");

    private ConfigLoader() {
    }

    /** Every key with its default: the keys the loader knows (docs/configuration.md is checked against it). */
    static ObjectNode defaultTree() {
        return parse(DEFAULTS);
    }

    public static DonjonConfig load(Path file, Map<String, String> environment) {
        return validate(toConfig(tree(file, environment)));
    }

    /**
     * The {@code logging} section of the same file: the process's logging, apart from {@link DonjonConfig} because
     * one process may run several nodes (tests do) but has one logging configuration.
     */
    public static LoggingConfig logging(Path file, Map<String, String> environment) {
        ObjectNode tree = tree(file, environment);
        java.util.Map<String, String> levels = new java.util.TreeMap<>();
        at(tree, "logging", "levels").fields().forEachRemaining(level ->
                levels.put(level.getKey(), level.getValue().asText().trim()));
        return LoggingConfig.parse(text(tree, "logging", "format"), text(tree, "logging", "level"), levels,
                bool(tree, "logging", "access_log"));
    }

    private static ObjectNode tree(Path file, Map<String, String> environment) {
        ObjectNode tree = parse(DEFAULTS);
        if (file != null) {
            try {
                merge(tree, parse(Files.readString(file)));
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
            }
        }
        applyEnvironment(tree, environment);
        return tree;
    }

    private static DonjonConfig toConfig(ObjectNode tree) {
        Path dataDir = Path.of(text(tree, "data_dir"));
        String cert = text(tree, "tls", "certificate");
        String key = text(tree, "tls", "private_key");
        DonjonConfig.Tls tls = cert.isEmpty() && key.isEmpty() ? null
                : new DonjonConfig.Tls(dataDir.resolve(cert), dataDir.resolve(key));
        String url = text(tree, "database", "url");
        String masterKeyFile = text(tree, "master_key", "file");
        return new DonjonConfig(
                dataDir,
                new DonjonConfig.Listen(text(tree, "listen", "host"), integer(tree, "listen", "port")),
                blankToNull(text(tree, "public_url")),
                tls,
                bool(tree, "behind_tls_proxy"),
                new DonjonConfig.Database(url.isEmpty() ? "jdbc:sqlite:" + dataDir.resolve("donjon.db") : url,
                        blankToNull(text(tree, "database", "user")), blankToNull(text(tree, "database", "password")),
                        integer(tree, "database", "pool_size"), connectionTimeout(tree)),
                new DonjonConfig.MasterKey(dataDir.resolve(masterKeyFile.isEmpty() ? "master-keys" : masterKeyFile),
                        false, pkcs11(tree, dataDir)),
                new DonjonConfig.Auth(bool(tree, "auth", "api_tokens"), bool(tree, "auth", "trusted_headers"),
                        bool(tree, "auth", "foreign_objects_as_missing"), keystone(tree), jwtIssuers(tree, dataDir),
                        bool(tree, "auth", "client_certificates")),
                new DonjonConfig.Limits(integer(tree, "limits", "max_secret_bytes"),
                        integer(tree, "limits", "max_request_bytes"),
                        new DonjonConfig.Connections(integer(tree, "limits", "connections", "rest_max"),
                                integer(tree, "limits", "connections", "kmip_max"),
                                java.time.Duration.ofSeconds(
                                        integer(tree, "limits", "connections", "read_timeout_seconds"))),
                        new DonjonConfig.FailedAuth(java.time.Duration.ofSeconds(
                                integer(tree, "limits", "failed_auth", "interval_seconds")),
                                integer(tree, "limits", "failed_auth", "per_source")),
                        new DonjonConfig.ClientKeys(integer(tree, "limits", "client_keys", "min_rsa_bits"),
                                integer(tree, "limits", "client_keys", "min_ec_bits"))),
                kmip(tree, dataDir, tls),
                jobs(tree),
                lockbox(tree, dataDir),
                kmipStore(tree, dataDir),
                notifications(tree));
    }

    private static DonjonConfig.KmipStore kmipStore(ObjectNode tree, Path dataDir) {
        String[] at = {"secret_stores", "kmip"};
        boolean enabled = bool(tree, at[0], at[1], "enabled");
        String certificate = text(tree, at[0], at[1], "client_certificate");
        String key = text(tree, at[0], at[1], "client_key");
        String ca = text(tree, at[0], at[1], "server_ca");
        DonjonConfig.KmipStore store = new DonjonConfig.KmipStore(enabled, text(tree, at[0], at[1], "name"),
                text(tree, at[0], at[1], "host"), integer(tree, at[0], at[1], "port"),
                certificate.isEmpty() ? null : dataDir.resolve(certificate), key.isEmpty() ? null : dataDir.resolve(key),
                ca.isEmpty() ? null : dataDir.resolve(ca), seconds(tree, at[0], at[1], "timeout_seconds"),
                bool(tree, at[0], at[1], "global_default"));
        if (!enabled) {
            if (store.globalDefault()) {
                throw new ConfigException("secret_stores.kmip.global_default needs secret_stores.kmip.enabled");
            }
            return store;
        }
        if (store.host().isBlank() || store.certificate() == null || store.privateKey() == null
                || store.serverCa() == null) {
            throw new ConfigException("secret_stores.kmip needs host, client_certificate, client_key and server_ca: "
                    + "the KMIP server is reached over mutual TLS only");
        }
        for (Path path : List.of(store.certificate(), store.privateKey(), store.serverCa())) {
            if (!Files.isReadable(path)) {
                throw new ConfigException("secret_stores.kmip: cannot read " + path);
            }
        }
        if (store.port() < 1 || store.port() > 65535 || store.timeout().isNegative() || store.timeout().isZero()
                || store.name().isBlank()) {
            throw new ConfigException("secret_stores.kmip: port must be 1-65535, timeout_seconds positive and name "
                    + "not blank");
        }
        return store;
    }

    /**
     * The lockbox section of a configuration file alone, for the CLI's sealed exports ({@code donjon export
     * --seal-for}, {@code donjon import}): a server's whole configuration file, or one with only {@code data_dir} and
     * {@code lockbox}; {@code null} without an identity.
     */
    public static DonjonConfig.Lockbox lockbox(Path file, Map<String, String> environment) {
        ObjectNode tree = tree(file, environment);
        return lockbox(tree, Path.of(text(tree, "data_dir")));
    }

    /** The lockbox section, or {@code null} without an identity (lockbox transfer off). */
    private static DonjonConfig.Lockbox lockbox(ObjectNode tree, Path dataDir) {
        String identity = text(tree, "lockbox", "identity");
        if (identity.isEmpty()) {
            return null;
        }
        String signingKey = text(tree, "lockbox", "signing_key");
        String encryptionKey = text(tree, "lockbox", "encryption_key");
        if (signingKey.isEmpty() || encryptionKey.isEmpty()) {
            throw new ConfigException("lockbox.identity needs lockbox.signing_key and lockbox.encryption_key");
        }
        java.time.Duration maxAge = seconds(tree, "lockbox", "max_age_seconds");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new ConfigException("lockbox.max_age_seconds must be positive");
        }
        java.time.Duration reportInterval = seconds(tree, "lockbox", "report_interval_seconds");
        if (reportInterval.isNegative() || reportInterval.isZero()) {
            throw new ConfigException("lockbox.report_interval_seconds must be positive");
        }
        JsonNode list = at(tree, "lockbox", "peers");
        List<DonjonConfig.LockboxPeer> peers = new ArrayList<>();
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new ConfigException("lockbox.peers must be a list of {name, signing_certificate, "
                        + "encryption_certificate}");
            }
            for (JsonNode entry : list) {
                String name = entry.path("name").asText("").trim();
                String signing = entry.path("signing_certificate").asText("").trim();
                String encryption = entry.path("encryption_certificate").asText("").trim();
                if (name.isEmpty() || (signing.isEmpty() && encryption.isEmpty())) {
                    throw new ConfigException("every lockbox.peers entry needs a name and a signing_certificate "
                            + "and/or an encryption_certificate");
                }
                String url = entry.path("url").asText("").trim();
                String tlsCa = entry.path("tls_ca").asText("").trim();
                if (!url.isEmpty() && !url.startsWith("https://") && !url.startsWith("http://")) {
                    throw new ConfigException("lockbox.peers[" + name + "].url must be an http(s) URL");
                }
                peers.add(new DonjonConfig.LockboxPeer(name, signing.isEmpty() ? null : dataDir.resolve(signing),
                        encryption.isEmpty() ? null : dataDir.resolve(encryption), url.isEmpty() ? null : url,
                        tlsCa.isEmpty() ? null : dataDir.resolve(tlsCa),
                        entry.path("accept_proxied_calls").asBoolean(false), push(entry, name, dataDir),
                        peerClientCertificate(entry, dataDir)));
            }
        }
        return new DonjonConfig.Lockbox(identity, dataDir.resolve(signingKey), dataDir.resolve(encryptionKey), maxAge,
                peers, bool(tree, "lockbox", "proxy"), reportInterval);
    }

    /** The TLS client certificate a peer forwards its callers' requests with, or {@code null} without one. */
    private static Path peerClientCertificate(JsonNode peer, Path dataDir) {
        String certificate = peer.path("client_certificate").asText("").trim();
        return certificate.isEmpty() ? null : dataDir.resolve(certificate);
    }

    /** A lockbox peer's {@code push} (replication), or {@code null} without one. */
    private static DonjonConfig.ReplicationPush push(JsonNode peer, String name, Path dataDir) {
        JsonNode push = peer.path("push");
        if (push.isMissingNode() || push.isNull()) {
            return null;
        }
        String where = "lockbox.peers[" + name + "].push";
        String kmip = push.path("kmip").asText("").trim();
        int colon = kmip.lastIndexOf(':');
        String serverCa = push.path("server_ca").asText("").trim();
        String certificate = push.path("client_certificate").asText("").trim();
        String key = push.path("client_key").asText("").trim();
        if (colon <= 0 || serverCa.isEmpty() || certificate.isEmpty() || key.isEmpty()) {
            throw new ConfigException(where + " needs kmip (host:port), server_ca, client_certificate and client_key");
        }
        int port;
        try {
            port = Integer.parseInt(kmip.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ".kmip must be host:port, not '" + kmip + "'");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException(where + ".kmip port must be 1 to 65535");
        }
        return new DonjonConfig.ReplicationPush(kmip.substring(0, colon), port, dataDir.resolve(serverCa),
                dataDir.resolve(certificate), dataDir.resolve(key), names(push, "projects", where),
                names(push, "groups", where));
    }

    /** A subscription list of a push peer: absent for all, else non-empty names. */
    private static java.util.List<String> names(JsonNode push, String field, String where) {
        JsonNode list = push.path(field);
        if (list.isMissingNode() || list.isNull()) {
            return java.util.List.of();
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new ConfigException(where + "." + field + " must be a non-empty list of names (or absent for all)");
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (JsonNode item : list) {
            String name = item.isTextual() ? item.asText().trim() : "";
            if (name.isEmpty()) {
                throw new ConfigException(where + "." + field + " must list non-empty names");
            }
            names.add(name);
        }
        return java.util.List.copyOf(names);
    }

    private static DonjonConfig.Notifications notifications(ObjectNode tree) {
        DonjonConfig.Notifications notifications = new DonjonConfig.Notifications(
                bool(tree, "notifications", "enabled"), text(tree, "notifications", "url"),
                blankToNull(text(tree, "notifications", "user")), blankToNull(text(tree, "notifications", "password")),
                text(tree, "notifications", "exchange"), text(tree, "notifications", "topic"),
                bool(tree, "notifications", "durable"), text(tree, "notifications", "publisher_id"));
        String url = notifications.url();
        if (!url.startsWith("amqp://") && !url.startsWith("amqps://")) {
            throw new ConfigException("notifications.url must be an amqp:// or amqps:// URL");
        }
        if (notifications.exchange().isBlank() || notifications.topic().isBlank()
                || notifications.publisherId().isBlank()) {
            throw new ConfigException("notifications: exchange, topic and publisher_id must not be empty");
        }
        return notifications;
    }

    private static DonjonConfig.Jobs jobs(ObjectNode tree) {
        DonjonConfig.Jobs jobs = new DonjonConfig.Jobs(bool(tree, "jobs", "enabled"),
                seconds(tree, "jobs", "poll_seconds"), seconds(tree, "jobs", "lease_seconds"),
                integer(tree, "jobs", "batch"), seconds(tree, "jobs", "expiration_interval_seconds"),
                seconds(tree, "jobs", "lifecycle_dates_interval_seconds"),
                seconds(tree, "jobs", "purge_interval_seconds"),
                java.time.Duration.ofDays(integer(tree, "jobs", "destroyed_retention_days")),
                seconds(tree, "jobs", "kek_retire_grace_seconds"), longInteger(tree, "jobs", "kek_max_encryptions"),
                java.time.Duration.ofDays(integer(tree, "jobs", "locate_anchor_retention_days")));
        if (jobs.kekMaxEncryptions() < 1 || jobs.kekMaxEncryptions() > dev.donjon.server.crypto.KekEncryptionBudget.HARD_LIMIT) {
            throw new ConfigException("jobs.kek_max_encryptions must be between 1 and 4294967296 (2^32, the bound of "
                    + "AES-GCM with random nonces under one key)");
        }
        for (java.time.Duration positive : List.of(jobs.poll(), jobs.lease(), jobs.expiration(),
                jobs.lifecycleDates(), jobs.purge())) {
            if (positive.isNegative() || positive.isZero()) {
                throw new ConfigException("jobs: every *_seconds setting must be positive");
            }
        }
        if (jobs.batch() < 1 || jobs.destroyedRetention().isNegative()) {
            throw new ConfigException("jobs.batch must be positive and jobs.destroyed_retention_days not negative");
        }
        if (jobs.locateAnchorRetention().compareTo(java.time.Duration.ofDays(1)) < 0) {
            // An anchor must outlive the listing it ends a page of: a client reading page after page, or an export,
            // merge or partition move, whose anchor is deleted meanwhile would otherwise be told to start again.
            throw new ConfigException("jobs.locate_anchor_retention_days must be at least 1 (a Locate paging after a "
                    + "deleted object is refused once its place is forgotten)");
        }
        if (jobs.kekRetireGrace().compareTo(java.time.Duration.ofSeconds(10)) < 0) {
            throw new ConfigException("jobs.kek_retire_grace_seconds must be at least 10 (nodes seal under a cached "
                    + "current KEK version for up to 5 s)");
        }
        if (jobs.lease().compareTo(jobs.poll()) <= 0) {
            throw new ConfigException("jobs.lease_seconds must be longer than jobs.poll_seconds");
        }
        return jobs;
    }

    private static java.time.Duration connectionTimeout(ObjectNode tree) {
        java.time.Duration timeout = seconds(tree, "database", "connection_timeout_seconds");
        if (timeout.compareTo(java.time.Duration.ofSeconds(1)) < 0
                || timeout.compareTo(java.time.Duration.ofMinutes(5)) > 0) {
            throw new ConfigException("database.connection_timeout_seconds must be between 1 and 300 (how long a call "
                    + "waits for a database connection before it fails)");
        }
        return timeout;
    }

    private static java.time.Duration seconds(ObjectNode tree, String... path) {
        return java.time.Duration.ofSeconds(integer(tree, path));
    }

    /** The PKCS#11 part of {@code master_key}, or null for the software keystore. */
    private static DonjonConfig.Pkcs11 pkcs11(ObjectNode tree, Path dataDir) {
        String backend = text(tree, "master_key", "backend");
        switch (backend) {
            case "software" -> {
                return null;
            }
            case "pkcs11" -> {
            }
            default -> throw new ConfigException("master_key.backend must be software or pkcs11, not " + backend);
        }
        String library = text(tree, "master_key", "library");
        String tokenLabel = text(tree, "master_key", "token_label");
        long slot;
        try {
            slot = Long.parseLong(text(tree, "master_key", "slot"));
        } catch (NumberFormatException e) {
            throw new ConfigException("master_key.slot must be an integer");
        }
        String pinFile = text(tree, "master_key", "pin_file");
        String pinVariable = text(tree, "master_key", "pin_env");
        if (library.isEmpty()) {
            throw new ConfigException("master_key.backend pkcs11 needs master_key.library (the PKCS#11 module, e.g. "
                    + "/usr/lib/softhsm/libsofthsm2.so)");
        }
        if (slot < 0 && tokenLabel.isEmpty()) {
            throw new ConfigException("master_key.backend pkcs11 needs master_key.slot or master_key.token_label");
        }
        if (pinFile.isEmpty() && pinVariable.isEmpty()) {
            throw new ConfigException("master_key.backend pkcs11 needs master_key.pin_file or master_key.pin_env");
        }
        int maxSessions = integer(tree, "master_key", "max_sessions");
        if (maxSessions < 1) {
            throw new ConfigException("master_key.max_sessions must be positive");
        }
        return new DonjonConfig.Pkcs11(Path.of(library), slot, tokenLabel.isEmpty() ? null : tokenLabel,
                pinFile.isEmpty() ? null : dataDir.resolve(pinFile), pinVariable.isEmpty() ? null : pinVariable,
                text(tree, "master_key", "key_label"), maxSessions);
    }

    /** {@code auth.keystone}, or {@code null} when no URL is set. */
    private static DonjonConfig.Keystone keystone(ObjectNode tree) {
        String url = text(tree, "auth", "keystone", "url");
        if (url.isEmpty()) {
            return null;
        }
        DonjonConfig.Keystone keystone = new DonjonConfig.Keystone(url,
                blankToNull(text(tree, "auth", "keystone", "service_user")),
                blankToNull(text(tree, "auth", "keystone", "service_password")),
                blankToNull(text(tree, "auth", "keystone", "service_project")),
                blankToNull(text(tree, "auth", "keystone", "service_domain")),
                blankToNull(text(tree, "auth", "keystone", "service_token")),
                java.time.Duration.ofSeconds(integer(tree, "auth", "keystone", "cache_seconds")),
                java.time.Duration.ofSeconds(integer(tree, "auth", "keystone", "timeout_seconds")),
                integer(tree, "auth", "keystone", "cache_size"));
        if (keystone.serviceToken() == null && (keystone.serviceUser() == null || keystone.servicePassword() == null
                || keystone.serviceProject() == null)) {
            throw new ConfigException("auth.keystone needs service_token, or service_user, service_password and "
                    + "service_project");
        }
        if (keystone.cacheBound().isNegative() || keystone.timeout().toSeconds() < 1 || keystone.cacheSize() < 0) {
            throw new ConfigException("auth.keystone: cache_seconds must be 0 or more, timeout_seconds positive");
        }
        return keystone;
    }

    /** {@code auth.jwt.issuers}: each {issuer, audience, jwks_url or jwks_file, claims...}. */
    private static List<DonjonConfig.JwtIssuer> jwtIssuers(ObjectNode tree, Path dataDir) {
        JsonNode list = at(tree, "auth", "jwt", "issuers");
        List<DonjonConfig.JwtIssuer> issuers = new ArrayList<>();
        if (list == null || list.isNull()) {
            return issuers;
        }
        if (!list.isArray()) {
            throw new ConfigException("auth.jwt.issuers must be a list of {issuer, audience, jwks_url | jwks_file}");
        }
        for (JsonNode entry : list) {
            String issuer = entry.path("issuer").asText("").trim();
            String audience = entry.path("audience").asText("").trim();
            String jwksUrl = entry.path("jwks_url").asText("").trim();
            String jwksFile = entry.path("jwks_file").asText("").trim();
            if (issuer.isEmpty() || audience.isEmpty() || jwksUrl.isEmpty() == jwksFile.isEmpty()) {
                throw new ConfigException("every auth.jwt.issuers entry needs issuer, audience and exactly one of "
                        + "jwks_url and jwks_file");
            }
            issuers.add(new DonjonConfig.JwtIssuer(issuer, audience, blankToNull(jwksUrl),
                    jwksFile.isEmpty() ? null : dataDir.resolve(jwksFile),
                    java.time.Duration.ofSeconds(entry.path("clock_skew_seconds").asLong(60)),
                    java.time.Duration.ofSeconds(entry.path("jwks_refresh_seconds").asLong(300)),
                    entry.path("project_claim").asText("project_id"), entry.path("user_claim").asText("sub"),
                    entry.path("roles_claim").asText("roles")));
        }
        return issuers;
    }

    /** The KMIP section; the server certificate defaults to the REST one. */
    private static DonjonConfig.Kmip kmip(ObjectNode tree, Path dataDir, DonjonConfig.Tls tls) {
        String cert = text(tree, "kmip", "certificate");
        String key = text(tree, "kmip", "private_key");
        String clientCa = text(tree, "kmip", "client_ca");
        List<DonjonConfig.KmipIdentity> identities = new ArrayList<>();
        JsonNode list = at(tree, "kmip", "identities");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new ConfigException("kmip.identities must be a list of {common_name, project, roles}");
            }
            for (JsonNode entry : list) {
                JsonNode roles = entry.get("roles");
                List<String> roleNames = new ArrayList<>();
                if (roles != null && roles.isArray()) {
                    roles.forEach(role -> roleNames.add(role.asText().trim()));
                } else if (roles != null && !roles.isNull()) {
                    for (String role : roles.asText().split(",")) {
                        roleNames.add(role.trim());
                    }
                }
                String commonName = entry.path("common_name").asText("").trim();
                String project = entry.path("project").asText("").trim();
                if (commonName.isEmpty() || project.isEmpty()) {
                    throw new ConfigException("every kmip.identities entry needs common_name and project");
                }
                identities.add(new DonjonConfig.KmipIdentity(commonName, project, roleNames));
            }
        }
        return new DonjonConfig.Kmip(
                bool(tree, "kmip", "enabled"),
                new DonjonConfig.Listen(text(tree, "kmip", "listen", "host"), integer(tree, "kmip", "listen", "port")),
                cert.isEmpty() ? (tls == null ? null : tls.certificate()) : dataDir.resolve(cert),
                key.isEmpty() ? (tls == null ? null : tls.privateKey()) : dataDir.resolve(key),
                clientCa.isEmpty() ? null : dataDir.resolve(clientCa),
                identities,
                integer(tree, "kmip", "max_message_bytes"),
                java.time.Duration.ofSeconds(integer(tree, "kmip", "idle_timeout_seconds")),
                java.time.Duration.ofSeconds(integer(tree, "kmip", "lease_time_seconds")));
    }

    /** Production rules: TLS unless a TLS-terminating proxy is declared, and a real authenticator. */
    static DonjonConfig validate(DonjonConfig config) {
        if (config.tls() == null && !config.behindTlsProxy()) {
            throw new ConfigException("TLS is required: set tls.certificate and tls.private_key "
                    + "(or behind_tls_proxy: true when a TLS-terminating proxy is in front)");
        }
        if (config.tls() != null) {
            for (Path path : List.of(config.tls().certificate(), config.tls().privateKey())) {
                if (!Files.isReadable(path)) {
                    throw new ConfigException("TLS file is missing or unreadable: " + path);
                }
            }
        }
        if (!config.auth().apiTokens()) {
            throw new ConfigException("no authenticator enabled: set auth.api_tokens: true "
                    + "(trusted headers alone do not authenticate anyone)");
        }
        if (config.auth().trustedHeaders() && !config.behindTlsProxy() && !isLoopback(config.listen().host())) {
            throw new ConfigException("auth.trusted_headers on a non-loopback address needs behind_tls_proxy: true, "
                    + "so that only the proxy can set identity headers");
        }
        DonjonConfig.Kmip kmip = config.kmip();
        if (config.auth().restClientCertificates() && (config.tls() == null || kmip.clientCas() == null)) {
            throw new ConfigException("auth.client_certificates needs tls.* (the REST listener's own TLS) and "
                    + "kmip.client_ca: REST client certificates are verified and mapped as KMIP's (kmip.identities)");
        }
        if (kmip.enabled()) {
            if (kmip.certificate() == null || kmip.privateKey() == null || kmip.clientCas() == null) {
                throw new ConfigException("kmip needs a server certificate and key (kmip.certificate and "
                        + "kmip.private_key, or tls.*) and kmip.client_ca: KMIP always runs over mutual TLS");
            }
            for (Path path : List.of(kmip.certificate(), kmip.privateKey(), kmip.clientCas())) {
                if (!Files.isReadable(path)) {
                    throw new ConfigException("KMIP TLS file is missing or unreadable: " + path);
                }
            }
            if (kmip.maxMessageBytes() < 1024 || kmip.idleTimeout().isNegative() || kmip.idleTimeout().isZero()) {
                throw new ConfigException("kmip: max_message_bytes must be at least 1024 and idle_timeout_seconds "
                        + "positive");
            }
            if (kmip.leaseTime().isNegative() || kmip.leaseTime().toSeconds() > 0xFFFFFFFFL) {
                throw new ConfigException("kmip: lease_time_seconds must be between 0 (no lease limit) and 4294967295");
            }
        }
        if (config.limits().maxSecretBytes() < 1 || config.limits().maxRequestBytes() < config.limits().maxSecretBytes()) {
            throw new ConfigException("limits: max_request_bytes must be at least max_secret_bytes, both positive");
        }
        DonjonConfig.Connections connections = config.limits().connections();
        if (connections.restMax() < 0 || connections.kmipMax() < 0 || connections.readTimeout().isNegative()
                || connections.readTimeout().isZero()) {
            throw new ConfigException("limits.connections: rest_max and kmip_max must be 0 (sized from the descriptor "
                    + "limit) or positive, read_timeout_seconds positive");
        }
        DonjonConfig.FailedAuth failedAuth = config.limits().failedAuth();
        if (failedAuth.interval().toSeconds() < 1 || failedAuth.perSource() < 1) {
            throw new ConfigException("limits.failed_auth: interval_seconds and per_source must be positive");
        }
        return config;
    }

    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void applyEnvironment(ObjectNode tree, Map<String, String> environment) {
        for (List<String> path : leaves(tree, new ArrayList<>(), new ArrayList<>())) {
            String name = "DONJON_" + String.join("_", path).toUpperCase(Locale.ROOT);
            String value = environment.get(name);
            if (value != null) {
                ObjectNode parent = tree;
                for (String segment : path.subList(0, path.size() - 1)) {
                    parent = (ObjectNode) parent.get(segment);
                }
                parent.put(path.getLast(), value);
            }
        }
    }

    private static List<List<String>> leaves(JsonNode node, List<String> prefix, List<List<String>> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<String> path = new ArrayList<>(prefix);
            path.add(field.getKey());
            if (field.getValue().isObject()) {
                leaves(field.getValue(), path, out);
            } else {
                out.add(path);
            }
        }
        return out;
    }

    private static void merge(ObjectNode base, ObjectNode override) {
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            if (existing == null) {
                throw new ConfigException("unknown config key: " + field.getKey());
            }
            if (existing.isObject() && existing.isEmpty() && field.getValue().isObject()) {
                base.set(field.getKey(), field.getValue());   // an empty default is a free-form map (logging.levels)
            } else if (existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) field.getValue());
            } else if (existing.isObject() || field.getValue().isObject()) {
                throw new ConfigException("config key " + field.getKey() + " has the wrong shape");
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    private static ObjectNode parse(String yaml) {
        try {
            JsonNode node = YAML.readTree(yaml);
            if (node == null || node.isNull() || node.isMissingNode()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException("config must be a YAML mapping");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new ConfigException("config is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static JsonNode at(ObjectNode tree, String... path) {
        JsonNode node = tree;
        for (String segment : path) {
            node = node.get(segment);
        }
        return node;
    }

    private static String text(ObjectNode tree, String... path) {
        JsonNode node = at(tree, path);
        return node == null || node.isNull() ? "" : node.asText().trim();
    }

    private static long longInteger(ObjectNode tree, String... path) {
        String value = text(tree, path);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(String.join(".", path) + " must be an integer, got '" + value + "'");
        }
    }

    private static int integer(ObjectNode tree, String... path) {
        String value = text(tree, path);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(String.join(".", path) + " must be an integer, got '" + value + "'");
        }
    }

    private static boolean bool(ObjectNode tree, String... path) {
        String value = text(tree, path).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0", "" -> false;
            default -> throw new ConfigException(String.join(".", path) + " must be true or false, got '" + value + "'");
        };
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
