package dev.donjon.server.rest;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import dev.donjon.server.net.AcceptFailures;
import dev.donjon.server.net.GuardedSslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import javax.net.ssl.SSLParameters;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Helidon SE carries bytes between sockets and {@link RestApi}; nothing else of the API depends on it. */
public final class HttpServer implements AutoCloseable {
    private static final Map<String, HeaderName> HEADER_NAMES = new ConcurrentHashMap<>();

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

    private final String host;
    private final int maxBodyBytes;
    private final Connections connections;
    private final SSLContext guardedTls;
    private final SSLParameters tlsParameters;
    private final int port;
    private final Thread watchdog;
    private volatile WebServer server;
    private volatile RestApi api;
    private volatile Probes probes;
    private volatile boolean closed;

    private HttpServer(String host, int port, Tls tls, int maxBodyBytes, Connections connections) {
        this.host = host;
        this.maxBodyBytes = maxBodyBytes;
        this.connections = connections;
        this.guardedTls = tls == null ? null
                : new GuardedSslContext(tls.context(), connections.readTimeout(), tls.parameters(),
                        connections.handshakes());
        this.tlsParameters = tls == null ? null : tls.parameters();
        this.server = start(port);
        if (!server.isRunning()) {
            throw new UncheckedIOException(whyCannotBind(host, port));
        }
        this.port = server.port();
        this.watchdog = Thread.ofVirtual().name("rest-listener-watchdog").start(this::watch);
    }

    /** Helidon logs a failed bind instead of throwing it; binding once more recovers the reason to report. */
    private static IOException whyCannotBind(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
            return new IOException("cannot listen on " + host + ":" + port);
        } catch (BindException e) {
            BindException reason = new BindException(host + ":" + port + ": " + e.getMessage());
            reason.initCause(e);
            return reason;
        } catch (IOException e) {
            return e;
        }
    }

    /**
     * Binds and starts listening. Requests are answered 503 until {@link #serve} supplies the API, which may need the
     * bound port (for its links) before it can be built.
     *
     * @param tls          the server TLS context and parameters, or {@code null} for plain HTTP
     * @param maxBodyBytes the largest body any route accepts: Helidon's own ceiling is set above it, so that the API
     *                     answers an oversize body in its own format rather than the transport cutting it off
     * @param connections  the most connections held at once and how long each may stay silent
     */
    public static HttpServer listen(String host, int port, Tls tls, int maxBodyBytes, Connections connections) {
        return new HttpServer(host, port, tls, maxBodyBytes, connections);
    }

    /**
     * Does ahead of {@link #listen} what building the first listener does once per process and what depends on
     * nothing of the node: Helidon's service registry (which its mappers look up when the first routing is built) and
     * its routing and content-encoding classes, a fifth of the main thread's start-up (JFR, docs/benchmarks.md). A
     * server start runs this on another thread while the node opens.
     */
    public static void prepare() {
        HttpRouting.builder().any((request, response) -> response.send()).build();
        ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build();
    }

    private WebServer start(int boundPort) {
        var builder = WebServer.builder()
                .host(host)
                .port(boundPort)
                .shutdownHook(false)
                .maxPayloadSize(2L * maxBodyBytes)
                // "Content-Encoding: base64" on a payload PUT is Barbican's and the API decodes it; Helidon would
                // refuse it as an unknown coding (an empty 400), so it is declared as a pass-through coding.
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false)
                        .addContentEncoding(new Base64PassThrough()).build())
                // Helidon takes a connection slot before it accepts: at the limit, new clients wait in the backlog
                // instead of the process running out of descriptors.
                .maxTcpConnections(connections.max())
                // Blocking sockets, so that TLS is layered through the guarded context's socket factory, which sets
                // the read timeout (the NIO engine path has none).
                .useNio(false)
                // Helidon's idle sweep; it sees only connections that have sent a request line, hence the guarded
                // context's read timeout for the others.
                .idleConnectionTimeout(connections.readTimeout())
                .idleConnectionPeriod(Duration.ofSeconds(Math.max(1, Math.min(10,
                        connections.readTimeout().toSeconds() / 2))))
                // A request Helidon cannot parse (a NUL in the method, a connection cut off mid-headers) raises an
                // internal error before routing, which it would answer 500 with a stack trace in the log.
                .directHandlers(DirectHandlers.builder()
                        .addHandler(DirectHandler.EventType.INTERNAL_ERROR, new Unparsable()).build())
                // HTTP/1.0 health checks, which Helidon's HTTP/1.1 connections would drop.
                .addConnectionSelector(new Http10HealthChecks(() -> probes))
                .routing(routing -> routing.any(this::serve));
        if (guardedTls != null) {
            builder.tls(t -> t.sslContext(guardedTls).sslParameters(tlsParameters));
        }
        return builder.build().start();
    }

    /**
     * Helidon stops a listener for good when its {@code accept()} fails (out of descriptors, say) and keeps the
     * process up, which left the port dead until a restart. Every {@link #WATCH_INTERVAL} a loopback connection
     * checks that the port still accepts; when it is refused, the listener is started again on the same port,
     * backing off while that fails, and the log says so at most once per interval.
     */
    private void watch() {
        AcceptFailures failures = new AcceptFailures(LOG, "REST listener", "starting the listener again");
        while (!closed) {
            try {
                Thread.sleep(WATCH_INTERVAL);
                if (closed || accepts()) {
                    continue;
                }
                server.stop();
                while (!closed) {
                    try {
                        WebServer restarted = start(port);
                        if (restarted.isRunning()) {
                            server = restarted;
                            LOG.warn("REST listener on port {} had stopped accepting; it was started again", port);
                            failures.succeeded();
                            break;
                        }
                        failures.failed(whyCannotBind(host, port));
                    } catch (RuntimeException e) {
                        failures.failed(new IOException(e.getMessage(), e));
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether the port still accepts connections; the probe closes at once, which ends it on the server too. */
    private boolean accepts() {
        String probeHost = switch (host) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> host;
        };
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(probeHost, port), 1_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException cannotTell) {
            // A full backlog (timeout) or no descriptor for the probe itself: the listener may well be alive.
            return true;
        }
    }

    public void serve(RestApi restApi) {
        this.api = restApi;
    }

    /** Liveness and readiness probes ({@code GET /healthz}, {@code /readyz}): unauthenticated, outside the API. */
    @FunctionalInterface
    public interface Probes {
        /** The answer to {@code path}, or {@code null} when it is not a probe's path. */
        Exchange.Outgoing answer(String path);
    }

    public void probes(Probes answering) {
        this.probes = answering;
    }

    public record Tls(SSLContext context, SSLParameters parameters) {
    }

    /**
     * @param max         the most connections held at once
     * @param readTimeout how long a connection may stay silent
     * @param handshakes  counts the TLS handshakes (for {@code /metrics})
     */
    public record Connections(int max, Duration readTimeout, dev.donjon.server.net.TlsHandshakes handshakes) {
        public Connections(int max, Duration readTimeout) {
            this(max, readTimeout, new dev.donjon.server.net.TlsHandshakes());
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
        server.stop();
    }

    private void serve(ServerRequest request, ServerResponse response) {
        RestApi current = api;
        if (current == null) {
            response.status(Status.SERVICE_UNAVAILABLE_503).send();
            return;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : request.query().names()) {
            query.put(name, request.query().all(name));
        }
        RestRequest.Headers headers = name -> request.headers().first(headerName(name)).orElse(null);
        Probes answering = probes;
        if (answering != null && request.prologue().method().text().equals("GET")) {
            Exchange.Outgoing probe = answering.answer(request.path().path());
            if (probe != null) {
                response.status(status(probe.status()));
                probe.headers().forEach(response::header);
                response.send(probe.body());
                return;
            }
        }
        CutOffBody body = new CutOffBody(request);
        Exchange.Incoming incoming = new Exchange.Incoming(request.prologue().method().text(),
                path(request), request.query().rawValue(), query, headers, body::open, source(request),
                clientCertificate(request));
        Exchange.Outgoing outgoing = current.dispatch(incoming);
        response.status(status(outgoing.status()));
        outgoing.headers().forEach((name, value) -> response.header(headerName(name), value));
        if (body.failed) {
            // The body ended before its announced length: whatever follows on the connection is not a request.
            response.header(HeaderValues.CONNECTION_CLOSE);
        }
        try {
            response.send(outgoing.body());
        } finally {
            java.util.Arrays.fill(outgoing.body(), (byte) 0);
        }
    }

    /** The leaf certificate TLS verified, when the listener asks for client certificates and one was presented. */
    private static java.security.cert.X509Certificate clientCertificate(ServerRequest request) {
        return request.remotePeer().tlsCertificates()
                .filter(chain -> chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate)
                .map(chain -> (java.security.cert.X509Certificate) chain[0]).orElse(null);
    }

    /**
     * The decoded path. Helidon resolves "." and ".." segments and merges empty ones before it hands the path over,
     * which would serve "/v1/secrets/../acl" as "/v1/acl" although a proxy's rules saw the former: a path that is
     * not canonical as sent goes to the API as sent (decoded), for it to refuse.
     */
    private static String path(ServerRequest request) {
        String raw = request.path().rawPath();
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            // Nothing to decode: the raw path is the decoded one.
            return RestApi.canonical(raw) ? request.path().path() : raw;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // Helidon's own path validation refuses a bad escape before routing; the raw path matches no route.
            return raw;
        }
        return RestApi.canonical(decoded) ? request.path().path() : decoded;
    }

    private static String source(ServerRequest request) {
        return request.remotePeer().address() instanceof InetSocketAddress peer && peer.getAddress() != null
                ? peer.getAddress().getHostAddress()
                : "unknown";
    }

    /**
     * The request body as a stream whose failures are I/O errors: Helidon reports a body cut off before its
     * Content-Length as an unchecked exception, which would otherwise surface as a 500 rather than a 400.
     */
    private static final class CutOffBody {
        private final ServerRequest request;
        private volatile boolean failed;

        CutOffBody(ServerRequest request) {
            this.request = request;
        }

        InputStream open() throws IOException {
            InputStream in;
            try {
                in = request.content().inputStream();
            } catch (RuntimeException e) {
                throw failure(e);
            }
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (RuntimeException e) {
                        throw failure(e);
                    }
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    try {
                        return super.read(buffer, offset, length);
                    } catch (RuntimeException e) {
                        throw failure(e);
                    }
                }
            };
        }

        private IOException failure(RuntimeException e) {
            failed = true;
            return new IOException("request body cut off: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Answers a request that failed before routing 400 and closes its connection: every such failure is Helidon
     * refusing bytes it cannot parse as a request (the API's own failures are answered inside routing). One log line
     * per interval counts them, rather than a stack trace each.
     */
    private static final class Unparsable implements DirectHandler {
        private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
        private final java.util.concurrent.atomic.AtomicLong unlogged = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong lastLog = new java.util.concurrent.atomic.AtomicLong(
                System.nanoTime() - LOG_INTERVAL_NANOS);

        @Override
        public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                        ServerResponseHeaders responseHeaders, String message) {
            long count = unlogged.incrementAndGet();
            long now = System.nanoTime();
            long last = lastLog.get();
            if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
                unlogged.addAndGet(-count);
                LOG.warn("{} HTTP request(s) could not be parsed (malformed, or cut off mid-headers) in the last {} s;"
                        + " answered 400 and closed", count, Duration.ofNanos(LOG_INTERVAL_NANOS).toSeconds());
            }
            return TransportResponse.builder()
                    .status(Status.BAD_REQUEST_400)
                    .headers(responseHeaders)
                    .keepAlive(false)
                    .entity("Malformed request")
                    .build();
        }
    }

    /** Lets a base64 body through undecoded: decoding it is the API's job, with Barbican's errors. */
    private static final class Base64PassThrough implements ContentEncoding {
        @Override
        public Set<String> ids() {
            return Set.of("base64");
        }

        @Override
        public boolean supportsEncoding() {
            return false;
        }

        @Override
        public boolean supportsDecoding() {
            return true;
        }

        @Override
        public ContentDecoder decoder() {
            return ContentDecoder.NO_OP;
        }

        @Override
        public ContentEncoder encoder() {
            return ContentEncoder.NO_OP;
        }

        @Override
        public String name() {
            return "base64";
        }

        @Override
        public String type() {
            return "base64";
        }
    }

    /** Helidon knows no reason phrase for 300 and would send "300 300"; version discovery answers 300. */
    private static Status status(int code) {
        return code == 300 ? Status.create(300, "Multiple Choices") : Status.create(code);
    }

    private static HeaderName headerName(String name) {
        return HEADER_NAMES.computeIfAbsent(name, HeaderNames::create);
    }
}
