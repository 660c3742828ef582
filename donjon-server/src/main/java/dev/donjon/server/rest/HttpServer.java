package dev.donjon.server.rest;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
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

    private final WebServer server;
    private volatile RestApi api;

    private HttpServer(WebServerConfig.Builder builder, String host, int port) {
        this.server = builder.routing(routing -> routing.any(this::serve)).build().start();
        if (!server.isRunning()) {
            throw new UncheckedIOException(whyCannotBind(host, port));
        }
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
     */
    public static HttpServer listen(String host, int port, Tls tls, int maxBodyBytes) {
        var builder = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .maxPayloadSize(2L * maxBodyBytes)
                // "Content-Encoding: base64" on a payload PUT is Barbican's and the API decodes it; Helidon would
                // refuse it as an unknown coding (an empty 400), so it is declared as a pass-through coding.
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false)
                        .addContentEncoding(new Base64PassThrough()).build())
                .idleConnectionTimeout(Duration.ofMinutes(5));
        if (tls != null) {
            builder.tls(t -> t.sslContext(tls.context()).sslParameters(tls.parameters()));
        }
        return new HttpServer(builder, host, port);
    }

    public void serve(RestApi restApi) {
        this.api = restApi;
    }

    public record Tls(SSLContext context, SSLParameters parameters) {
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
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
        Exchange.Incoming incoming = new Exchange.Incoming(request.prologue().method().text(),
                request.path().path(), request.query().rawValue(), query, headers,
                () -> request.content().inputStream());
        Exchange.Outgoing outgoing = current.dispatch(incoming);
        response.status(status(outgoing.status()));
        outgoing.headers().forEach(response::header);
        try {
            response.send(outgoing.body());
        } finally {
            java.util.Arrays.fill(outgoing.body(), (byte) 0);
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
