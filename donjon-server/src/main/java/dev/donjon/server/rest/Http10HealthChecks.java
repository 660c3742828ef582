package dev.donjon.server.rest;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Answers HTTP/1.0 requests for the probes. Helidon 4 speaks only HTTP/1.1 and drops a connection whose request line
 * says HTTP/1.0, but simple health checkers (HAProxy's default {@code option httpchk}, keepalived, monit, shell
 * scripts) send HTTP/1.0. This selector claims such connections ahead of Helidon's HTTP/1.1 one, reads one request
 * (at most {@link #MAX_HEAD} bytes of request line and headers, no body), answers {@code GET} or {@code HEAD} of a
 * probe path as the HTTP/1.1 listener would, anything else 505, and closes: HTTP/1.0 has no keep-alive by default and
 * nothing else is served over it.
 */
final class Http10HealthChecks implements ServerConnectionSelector {
    /** Request line and headers together; a health check sends a few dozen bytes. */
    static final int MAX_HEAD = 8 * 1024;
    private static final String VERSION = " HTTP/1.0";

    private final Supplier<HttpServer.Probes> probes;

    Http10HealthChecks(Supplier<HttpServer.Probes> probes) {
        this.probes = probes;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData request) {
        // Read by index: the same buffer goes to the other selectors. RFC 9112 §2.2: empty lines before the
        // request line are ignored.
        int available = request.available();
        int start = 0;
        while (start + 1 < available && request.get(start) == '\r' && request.get(start + 1) == '\n') {
            start += 2;
        }
        int lf = -1;
        for (int i = start; i < available && i - start < MAX_HEAD; i++) {
            if (request.get(i) == '\n') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            return available - start >= MAX_HEAD ? Support.UNSUPPORTED : Support.UNKNOWN;
        }
        byte[] ending = (VERSION + "\r").getBytes(StandardCharsets.US_ASCII);
        if (lf - start < ending.length) {
            return Support.UNSUPPORTED;
        }
        for (int i = 0; i < ending.length; i++) {
            if (request.get(lf - ending.length + i) != ending[i]) {
                return Support.UNSUPPORTED;
            }
        }
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of("http/1.0");
    }

    @Override
    public ServerConnection connection(ConnectionContext context) {
        return new Connection(context, probes.get());
    }

    private static final class Connection implements ServerConnection {
        private final ConnectionContext context;
        private final HttpServer.Probes probes;

        Connection(ConnectionContext context, HttpServer.Probes probes) {
            this.context = context;
            this.probes = probes;
        }

        @Override
        public void handle(Semaphore requestSemaphore) {
            String[] head;
            try {
                head = readHead(context.dataReader());
            } catch (RuntimeException cutOffOrTooLong) {
                // Helidon's reader fails on a closed connection; an oversize or cut-off head gets no answer either.
                return;
            }
            context.dataWriter().writeNow(BufferData.create(answer(head)));
        }

        private byte[] answer(String[] head) {
            String[] requestLine = head[0].split(" ", -1);
            String method = requestLine.length == 3 ? requestLine[0] : "";
            String target = requestLine.length == 3 ? requestLine[1] : "";
            int query = target.indexOf('?');
            String path = query < 0 ? target : target.substring(0, query);
            Exchange.Outgoing probe = null;
            boolean headOnly = method.equals("HEAD");
            if ((method.equals("GET") || headOnly) && probes != null) {
                probe = probes.answer(path);
            }
            if (probe == null) {
                probe = new Exchange.Outgoing(505, Map.of("Content-Type", "text/plain"),
                        "HTTP/1.0 is answered for /healthz and /readyz only; use HTTP/1.1\n"
                                .getBytes(StandardCharsets.US_ASCII));
            }
            StringBuilder response = new StringBuilder("HTTP/1.0 ").append(probe.status()).append(' ')
                    .append(reason(probe.status())).append("\r\n");
            probe.headers().forEach((name, value) -> response.append(name).append(": ").append(value).append("\r\n"));
            response.append("Content-Length: ").append(probe.body().length).append("\r\nConnection: close\r\n\r\n");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(response.toString().getBytes(StandardCharsets.US_ASCII));
            if (!headOnly) {
                bytes.writeBytes(probe.body());
            }
            return bytes.toByteArray();
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {
            // One request, answered within handle(); Helidon closes the socket when handle returns.
        }
    }

    /** The request line and the header lines, up to the empty line; fails beyond {@link #MAX_HEAD} bytes. */
    static String[] readHead(DataReader reader) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int read = 0; read < MAX_HEAD; read++) {
            char c = (char) (reader.read() & 0xff);
            if (c != '\n') {
                line.append(c);
                continue;
            }
            int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
            if (end == 0 && lines.isEmpty()) {
                line.setLength(0);
                continue; // RFC 9112 §2.2: empty lines before the request line are ignored
            }
            if (end == 0) {
                return lines.toArray(String[]::new);
            }
            lines.add(line.substring(0, end));
            line.setLength(0);
        }
        throw new IllegalStateException("HTTP/1.0 request head longer than " + MAX_HEAD + " bytes");
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }
}
