package dev.donjon.server.app;

import dev.donjon.server.auth.ApiTokens;
import dev.donjon.server.auth.Authenticator;
import dev.donjon.server.auth.FailedAuthentications;
import dev.donjon.server.auth.JwtTokens;
import dev.donjon.server.auth.KeystoneTokens;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.auth.ClientIdentities;
import dev.donjon.server.net.ConnectionBudget;
import dev.donjon.server.kmipserver.KmipHttpBinding;
import dev.donjon.server.kmipserver.KmipListener;
import dev.donjon.server.kmipserver.KmipProcessor;
import dev.donjon.server.rest.AclsApi;
import dev.donjon.server.rest.ConsoleApi;
import dev.donjon.server.rest.ContainersApi;
import dev.donjon.server.rest.HttpServer;
import dev.donjon.server.rest.KmipApi;
import dev.donjon.server.rest.EdgeReportsApi;
import dev.donjon.server.rest.LockboxesApi;
import dev.donjon.server.rest.ProxyForwarder;
import dev.donjon.server.rest.ReplicationApi;
import dev.donjon.server.rest.SecretCloneApi;
import dev.donjon.server.rest.Links;
import dev.donjon.server.rest.CasApi;
import dev.donjon.server.rest.PkiPublicApi;
import dev.donjon.server.domain.pki.CaId;
import dev.donjon.server.domain.pki.CaService;
import dev.donjon.server.domain.pki.KeyCertification;
import dev.donjon.server.rest.OrdersApi;
import dev.donjon.server.rest.AuditEventsApi;
import dev.donjon.server.rest.QuotasApi;
import dev.donjon.server.rest.RestApi;
import dev.donjon.server.rest.Routes;
import dev.donjon.server.rest.SecretConsumersApi;
import dev.donjon.server.rest.SecretStoresApi;
import dev.donjon.server.rest.SecretsApi;
import dev.donjon.server.net.ListenerConnections;
import dev.donjon.server.observe.AccessLog;
import dev.donjon.server.observe.NodeMetrics;
import dev.donjon.server.store.JdbcStore;
import dev.donjon.server.jobs.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** A running Donjon node: the {@link Node} behind the REST API. */
public final class DonjonServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DonjonServer.class);
    private final Node node;
    private final HttpServer http;
    private final String publicUrl;
    private final KmipListener kmip;
    private final FailedAuthentications failures;
    private final NodeMetrics metrics;
    private final JobScheduler jobs;

    private DonjonServer(Node node, HttpServer http, String publicUrl, KmipListener kmip,
                         FailedAuthentications failures, NodeMetrics metrics, JobScheduler jobs) {
        this.metrics = metrics;
        this.node = node;
        this.http = http;
        this.publicUrl = publicUrl;
        this.kmip = kmip;
        this.failures = failures;
        this.jobs = jobs;
    }

    /**
     * Opens the node, binds the listener, then starts answering. Binding comes before the API is built because links
     * need the bound port when the configured port is 0.
     */
    public static DonjonServer start(DonjonConfig config) {
        // The listeners' TLS contexts depend on files only: they are built on another core while the node opens (the
        // store, the master key check), which took a third of the main thread's start-up (docs/benchmarks.md).
        // So are the metrics registry and its JVM meters (a tenth of the main thread's start-up).
        FutureTask<ListenerTls> listenerTls = new FutureTask<>(() -> ListenerTls.of(config));
        Thread.ofPlatform().name("donjon-start-tls").daemon().start(listenerTls);
        FutureTask<NodeMetrics> newMetrics = new FutureTask<>(NodeMetrics::new);
        Thread.ofPlatform().name("donjon-start-metrics").daemon().start(newMetrics);
        // Two class initialisations the main thread met in turn (docs/benchmarks.md, fifth pass): JDBI's statement
        // class, whose first use registers a flight recorder event, and the probes' Jackson mapper. The JVM makes the
        // main thread wait for one still being initialised here, so nothing is joined.
        Thread.ofPlatform().name("donjon-start-classes").daemon().start(() -> {
            JdbcStore.prepareStatements();
            Readiness.prepare();
        });
        // The REST listener depends on the configuration and the TLS contexts only: building and binding it (Helidon's
        // server, 14 % of the main thread's start-up samples) runs beside the node's opening too. Until the API is
        // served below, it answers every request 503, probes included.
        FutureTask<RestListener> restListener = new FutureTask<>(() -> RestListener.bind(config, listenerTls));
        Thread.ofPlatform().name("donjon-start-listener").daemon().start(restListener);
        Node node;
        try {
            node = Node.open(config);
        } catch (RuntimeException e) {
            awaitQuietly(newMetrics).ifPresent(NodeMetrics::close);
            awaitQuietly(restListener).ifPresent(listener -> listener.http().close());
            throw e;
        }
        FailedAuthentications failures = null;
        NodeMetrics metrics = awaitQuietly(newMetrics).orElseGet(NodeMetrics::new);
        HttpServer http = null;
        try {
            node.startBackgroundJobs();
            RestListener rest = RestListener.await(restListener);
            http = rest.http();
            ListenerTls contexts = rest.contexts();
            HttpServer.Tls serverTls = rest.serverTls();
            DonjonConfig.Connections connections = config.limits().connections();
            ConnectionBudget budget = rest.budget();
            HttpServer.Connections restConnections = rest.connections();
            LOG.info("REST listening on {} (at most {} connections; descriptor limit {})",
                    config.effectivePublicUrl(http.port()), budget.rest(), ConnectionBudget.descriptorLimit());
            String publicUrl = config.effectivePublicUrl(http.port());
            Links links = new Links(publicUrl);
            DonjonConfig.FailedAuth failedAuth = config.limits().failedAuth();
            failures = new FailedAuthentications(node.store(), node.clock(), failedAuth.interval(),
                    failedAuth.perSource());
            DonjonConfig.Auth auth = config.auth();
            Authenticator authenticator = new Authenticator(node.tokens(), auth.trustedHeaders(), failures,
                    auth.keystone() == null ? null : new KeystoneTokens(auth.keystone(), node.clock()),
                    auth.jwtIssuers().isEmpty() ? null : new JwtTokens(auth.jwtIssuers()),
                    auth.restClientCertificates() ? new ClientIdentities(config.kmip().identities(), node.store(),
                            node.clock(), config.limits().clientKeys()) : null);
            SecretsApi secrets = new SecretsApi(node.secrets(), node.secretConsumers(), links, node.clock(),
                    config.limits().maxSecretBytes());
            CaService cas = node.certificateAuthorities(new CaService.Endpoints() {
                @Override
                public String crl(CaId ca) {
                    return links.publicCrl(ca);
                }

                @Override
                public String certificate(CaId ca) {
                    return links.publicCaCertificate(ca);
                }
            });
            KmipProcessor kmipProcessor = new KmipProcessor(node.keys(), node.cryptography(), node.x509(),
                    new KeyCertification(node.keys(), cas, node.x509(), node.clock()), node.random(), node.clock(),
                    config.kmip().leaseTime());
            java.util.List<Routes> resources = new java.util.ArrayList<>(java.util.List.of(
                    new SecretConsumersApi(node.secretConsumers(), links),
                    new ContainersApi(node.containers(), links),
                    new OrdersApi(node.orders(), node.certificateOrders(cas), links, node.clock()),
                    new CasApi(cas, links, new CasApi.X509Text() {
                        @Override
                        public String certificate(byte[] der) {
                            return node.x509().pem(der);
                        }

                        @Override
                        public String crl(byte[] der) {
                            return node.x509().crlPem(der);
                        }
                    }),
                    new PkiPublicApi(cas),
                    new ConsoleApi(),
                    new AclsApi(node.acls(), links),
                    new QuotasApi(node.quotas(), links),
                    new SecretStoresApi(node.secretStores(), links),
                    new AuditEventsApi(node.auditEvents()),
                    new LockboxesApi(node.lockboxes().orElse(null), links),
                    new SecretCloneApi(node.keys(), links),
                    new ReplicationApi(node.promotion(), links),
                    new EdgeReportsApi(node.edgeReports().orElse(null)),
                    new dev.donjon.server.rest.EdgeDeliveryApi(node.edgeReports().orElse(null))));
            if (config.kmip().enabled()) {
                resources.add(new KmipApi(new KmipHttpBinding(kmipProcessor, config.kmip().maxMessageBytes()),
                        config.kmip().maxMessageBytes()));
            }
            RestApi restApi = new RestApi(authenticator, links, secrets, config.limits().maxRequestBytes(), resources);
            node.proxiedCalls().ifPresent(calls -> {
                DonjonConfig.Lockbox lockbox = config.lockbox();
                java.util.Map<String, ProxyForwarder.Owner> owners = new java.util.LinkedHashMap<>();
                for (DonjonConfig.LockboxPeer peer : lockbox.peers()) {
                    if (peer.url() != null) {
                        owners.put(peer.name(), ProxyForwarder.Owner.of(peer.url(), peer.tlsCa(),
                                peer.push() == null ? null : peer.push().clientCertificate(),
                                peer.push() == null ? null : peer.push().clientKey()));
                    }
                }
                restApi.proxy(lockbox.peers().stream().anyMatch(DonjonConfig.LockboxPeer::acceptProxiedCalls) ? calls
                        : null, lockbox.proxy() ? new ProxyForwarder(calls, owners) : null);
            });
            AccessLog accessLog = new AccessLog();
            restApi.observe((requestId, method, route, principal, status, nanos) -> {
                metrics.requestCompleted(method, route, status, nanos);
                accessLog.completed(requestId, method, route, principal, status, nanos);
            });
            node.lockboxes().ifPresent(lockboxes -> kmipProcessor.serveExtension(
                    dev.donjon.kmip.enums.Operation.DONJON_REPLICATE,
                    new dev.donjon.server.kmipserver.operation.DonjonReplicate(lockboxes)));
            node.proxiedCalls().ifPresent(calls -> {
                DonjonConfig.Lockbox lockbox = config.lockbox();
                if (lockbox.peers().stream().anyMatch(DonjonConfig.LockboxPeer::acceptProxiedCalls)) {
                    kmipProcessor.serveExtension(dev.donjon.kmip.enums.Operation.DONJON_PROXIED_CALL,
                            new dev.donjon.server.kmipserver.operation.DonjonProxiedCall(calls,
                                    kmipProcessor::serveForwarded));
                }
                if (lockbox.proxy()) {
                    java.util.Map<String, dev.donjon.kmip.client.KmipClient.Config> owners =
                            new java.util.LinkedHashMap<>();
                    for (DonjonConfig.LockboxPeer peer : lockbox.peers()) {
                        if (peer.push() != null) {
                            owners.put(peer.name(), dev.donjon.server.kmipserver.KmipProxyForwarder.endpoint(
                                    peer.push()));
                        }
                    }
                    kmipProcessor.forwardTo(new dev.donjon.server.kmipserver.KmipProxyForwarder(calls, owners));
                }
            });
            kmipProcessor.observe((operation, result, nanos) ->
                    metrics.kmipOperation(operation.name(), result.name(), nanos));
            http.serve(restApi);
            KmipListener kmip;
            KmipListener.Connections kmipConnections = config.kmip().enabled()
                    ? new KmipListener.Connections(budget.kmip(), connections.readTimeout()) : null;
            kmip = kmipConnections != null
                    ? startKmip(config.kmip(), node, kmipProcessor, contexts.kmip(), kmipConnections) : null;
            Readiness readiness = new Readiness(node.store(), kmip, http.port(), budget.rest());
            // Gauges hold their source weakly: the listeners themselves, which live as long as the node.
            metrics.gauge("donjon.connections", "Open connections of each listener (REST: the kernel's count)",
                    http, listener -> ListenerConnections.count(listener.port()), "listener", "rest");
            if (kmip != null) {
                metrics.gauge("donjon.connections", "Open connections of each listener (REST: the kernel's count)",
                        kmip, KmipListener::openConnections, "listener", "kmip");
            }
            node.store().instrument(metrics.registry());
            node.keyHierarchy().instrument(metrics.registry());
            node.instrumentNotifications(metrics.registry());
            if (serverTls != null) {
                metrics.tlsHandshakes("rest", restConnections.handshakes(), false);
            }
            if (kmip != null) {
                metrics.tlsHandshakes("kmip", kmipConnections.handshakes(), true);
            }
            http.probes(path -> path.equals("/metrics")
                    ? new dev.donjon.server.rest.Exchange.Outgoing(200, new java.util.LinkedHashMap<>(java.util.Map.of(
                            "Content-Type", NodeMetrics.CONTENT_TYPE, "Cache-Control", "no-store")), metrics.scrape())
                    : readiness.answer(path));
            JobScheduler jobs = null;
            if (config.jobs().enabled()) {
                jobs = LifecycleJobs.scheduler(node.store(), node.clock(), config.jobs());
                jobs.start(config.jobs().poll());
            }
            node.prefillKeyPairs();
            return new DonjonServer(node, http, publicUrl, kmip, failures, metrics, jobs);
        } catch (RuntimeException e) {
            if (http != null) {
                http.close();
            } else {
                awaitQuietly(restListener).ifPresent(listener -> listener.http().close());
            }
            if (failures != null) {
                failures.close();
            }
            metrics.close();
            node.close();
            throw e;
        }
    }

    /**
     * The result of start-up work run on its own thread, or its failure as the main thread would have thrown it
     * (the same exception, so the same one-line message).
     */
    private static <T> T awaitStartTask(FutureTask<T> task, String what) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The bound REST listener and what the rest of the start needs from building it. */
    private record RestListener(HttpServer http, ListenerTls contexts, HttpServer.Tls serverTls,
                                ConnectionBudget budget, HttpServer.Connections connections) {
        static RestListener bind(DonjonConfig config, FutureTask<ListenerTls> listenerTls) {
            // Helidon's once-per-process preparation overlaps the TLS contexts' building on their own thread.
            HttpServer.prepare();
            ListenerTls contexts = ListenerTls.await(listenerTls);
            HttpServer.Tls serverTls = contexts.rest() == null ? null
                    : new HttpServer.Tls(contexts.rest().context(), contexts.rest().parameters());
            DonjonConfig.Connections connections = config.limits().connections();
            ConnectionBudget budget = ConnectionBudget.of(connections.restMax(), connections.kmipMax(),
                    config.kmip().enabled());
            HttpServer.Connections restConnections = new HttpServer.Connections(budget.rest(),
                    connections.readTimeout());
            HttpServer http = HttpServer.listen(config.listen().host(), config.listen().port(), serverTls,
                    Math.max(config.limits().maxRequestBytes(), config.kmip().maxMessageBytes()), restConnections);
            return new RestListener(http, contexts, serverTls, budget, restConnections);
        }

        /** The listener, or the failure to build or bind it as the main thread would have thrown it. */
        static RestListener await(FutureTask<RestListener> bound) {
            return awaitStartTask(bound, "the REST listener was bound");
        }
    }

    private static KmipListener startKmip(DonjonConfig.Kmip config, Node node, KmipProcessor processor,
                                          TlsContexts.ServerTls tls, KmipListener.Connections connections) {
        return KmipListener.start(tls, config.listen().host(), config.listen().port(), processor,
                new ClientIdentities(config.identities(), node.store(), node.clock(),
                        node.config().limits().clientKeys()),
                config.maxMessageBytes(), config.idleTimeout(), connections);
    }

    /** The bound KMIP port, or -1 when KMIP is disabled. */
    public int kmipPort() {
        return kmip == null ? -1 : kmip.port();
    }

    public String publicUrl() {
        return publicUrl;
    }

    public int port() {
        return http.port();
    }

    /** The node behind this server: its store, keys and services (for tests and embedding). */
    public Node node() {
        return node;
    }

    public ApiTokens tokens() {
        return node.tokens();
    }

    public Store store() {
        return node.store();
    }

    public DonjonConfig config() {
        return node.config();
    }

    @Override
    public void close() {
        if (jobs != null) {
            jobs.close();
        }
        if (kmip != null) {
            kmip.close();
        }
        http.close();
        // After the listeners: the failures counted until then are written before the store closes.
        failures.close();
        metrics.close();
        node.close();
    }

    /**
     * What a start-up thread built, or nothing when it failed or was interrupted: the caller then builds it itself,
     * so that a failure surfaces where it did before.
     */
    private static <T> java.util.Optional<T> awaitQuietly(FutureTask<T> built) {
        try {
            return java.util.Optional.of(built.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        } catch (ExecutionException e) {
            return java.util.Optional.empty();
        }
    }

    /** The REST listener's TLS (null: plain HTTP) and the KMIP listener's (null: KMIP disabled). */
    private record ListenerTls(TlsContexts.ServerTls rest, TlsContexts.ServerTls kmip) {
        static ListenerTls of(DonjonConfig config) {
            return new ListenerTls(rest(config), config.kmip().enabled() ? TlsContexts.mutual(
                    config.kmip().certificate(), config.kmip().privateKey(), config.kmip().clientCas()) : null);
        }

        private static TlsContexts.ServerTls rest(DonjonConfig config) {
            DonjonConfig.Tls tls = config.tls();
            if (tls == null) {
                return null;
            }
            // Peers that forward calls here (proxy mode) authenticate with their pinned client certificates, which
            // the REST listener then asks for beside the clients' CAs.
            java.util.List<java.nio.file.Path> trustedClients = new java.util.ArrayList<>();
            if (config.auth().restClientCertificates()) {
                trustedClients.add(config.kmip().clientCas());
            }
            if (config.lockbox() != null) {
                config.lockbox().peers().stream().filter(DonjonConfig.LockboxPeer::acceptProxiedCalls)
                        .map(DonjonConfig.LockboxPeer::clientCertificate).filter(java.util.Objects::nonNull)
                        .forEach(trustedClients::add);
            }
            return trustedClients.isEmpty() ? TlsContexts.server(tls.certificate(), tls.privateKey())
                    : TlsContexts.optionalClient(tls.certificate(), tls.privateKey(), trustedClients);
        }

        /** The contexts, or the failure to read their files as the main thread would have thrown it. */
        static ListenerTls await(FutureTask<ListenerTls> built) {
            return awaitStartTask(built, "the TLS contexts were built");
        }
    }
}
