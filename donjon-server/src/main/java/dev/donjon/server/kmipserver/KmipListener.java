package dev.donjon.server.kmipserver;

import dev.donjon.kmip.ItemType;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.TtlvException;
import dev.donjon.kmip.TtlvLimits;
import dev.donjon.server.auth.ClientIdentities;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.net.AcceptFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * KMIP over TLS (binary TTLV): one virtual thread per connection, client certificate required, messages bounded in
 * size, idle connections closed. A connection's failure, however malformed its input, ends that connection only.
 */
public final class KmipListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KmipListener.class);
    private static final int HEADER_BYTES = 8;
    /**
     * How long the rest of a message may take once its first byte came. A client sends a message at once; one that
     * stops mid-message (fewer bytes than its header declared) is dropped after this, not held for the idle timeout.
     */
    static final Duration MESSAGE_READ_TIMEOUT = Duration.ofSeconds(5);

    private final SSLServerSocket server;
    private final KmipProcessor processor;
    private final ClientIdentities identities;
    private final TtlvLimits limits;
    private final int idleMillis;
    private final int handshakeMillis;
    private final int maxConnections;
    private final dev.donjon.server.net.TlsHandshakes handshakes;
    private final Semaphore slots;
    private final AcceptFailures acceptFailures = new AcceptFailures(LOG, "KMIP listener",
            "accepting a connection");
    private final int messageMillis;
    private final Set<SSLSocket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private KmipListener(SSLServerSocket server, KmipProcessor processor, ClientIdentities identities,
                         TtlvLimits limits, Duration idleTimeout, Connections connections) {
        this.server = server;
        this.processor = processor;
        this.identities = identities;
        this.limits = limits;
        this.idleMillis = (int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis());
        this.handshakeMillis = millis(connections.handshakeTimeout());
        this.maxConnections = connections.max();
        this.handshakes = connections.handshakes();
        this.slots = new Semaphore(connections.max());
        this.messageMillis = (int) Math.min(idleMillis, MESSAGE_READ_TIMEOUT.toMillis());
        this.acceptor = Thread.ofVirtual().name("kmip-accept").unstarted(this::acceptLoop);
    }

    /**
     * How many connections the listener holds at once and how long a client has to complete its TLS handshake. At
     * the limit the listener stops accepting (new clients wait in the backlog) until a connection ends, so the
     * connections never take the descriptors the rest of the node needs.
     */
    public record Connections(int max, Duration handshakeTimeout, dev.donjon.server.net.TlsHandshakes handshakes) {
        public Connections {
            if (max < 1) {
                throw new IllegalArgumentException("the connection limit must be positive");
            }
        }

        public Connections(int max, Duration handshakeTimeout) {
            this(max, handshakeTimeout, new dev.donjon.server.net.TlsHandshakes());
        }
    }

    /** Binds and starts accepting; {@code port} 0 picks a free port (see {@link #port()}). */
    public static KmipListener start(TlsContexts.ServerTls tls, String host, int port, KmipProcessor processor,
                                     ClientIdentities identities, int maxMessageBytes, Duration idleTimeout,
                                     Connections connections) {
        try {
            SSLServerSocket server = (SSLServerSocket) tls.context().getServerSocketFactory().createServerSocket();
            server.setSSLParameters(tls.parameters());
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
            KmipListener listener = new KmipListener(server, processor, identities,
                    TtlvLimits.ofMaxMessageBytes(maxMessageBytes), idleTimeout, connections);
            listener.acceptor.start();
            LOG.info("KMIP listening on {}:{} (at most {} connections)", host, listener.port(), connections.max());
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for KMIP on " + host + ":" + port + ": " + e.getMessage(),
                    e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections open now; at {@link #maxConnections()} the listener waits for one to end before accepting. */
    public int openConnections() {
        return maxConnections - slots.availablePermits();
    }

    public int maxConnections() {
        return maxConnections;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            SSLSocket socket;
            try {
                socket = (SSLSocket) server.accept();
            } catch (IOException e) {
                slots.release();
                if (server.isClosed()) {
                    return;
                }
                try {
                    acceptFailures.failed(e);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            acceptFailures.succeeded();
            open.add(socket);
            Thread.ofVirtual().name("kmip-connection").start(() -> serve(socket));
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            // A client that never completes its handshake holds a connection slot for this long at most.
            socket.setSoTimeout(handshakeMillis);
            // A response can follow a post-handshake message (a TLS 1.3 session ticket) in a second small segment;
            // Nagle would hold it until the client's delayed ACK, 40 ms later.
            socket.setTcpNoDelay(true);
            handshakes.begun();
            socket.startHandshake();
            handshakes.completed();
            socket.setSoTimeout(idleMillis);
            Optional<Principal> principal = identities.principal(socket.getSession());
            if (principal.isEmpty()) {
                LOG.warn("KMIP client certificate from {} maps to no configured identity; closing",
                        socket.getRemoteSocketAddress());
                return;
            }
            String credential = ClientIdentities.auditName(socket.getSession());
            String source = socket.getInetAddress().getHostAddress();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (true) {
                // Between messages the connection may idle; once a message starts, the rest must follow promptly.
                socket.setSoTimeout(idleMillis);
                in.mark(1);
                if (in.read() < 0) {
                    return;
                }
                in.reset();
                socket.setSoTimeout(messageMillis);
                in.mark(HEADER_BYTES);
                byte[] header;
                try {
                    header = in.readNBytes(HEADER_BYTES);
                } catch (SocketTimeoutException e) {
                    throw new IncompleteMessage();
                }
                in.reset();
                Ttlv response;
                try {
                    Optional<Ttlv> request;
                    try {
                        request = TtlvBinary.readMessage(in, limits);
                    } catch (SocketTimeoutException e) {
                        throw new IncompleteMessage();
                    }
                    if (request.isEmpty()) {
                        return;
                    }
                    response = processor.process(request.get(), principal.get(), credential, source);
                } catch (TtlvException e) {
                    // The stream cannot be resynchronised after a bad message: answer if it announced itself as a
                    // request, then close either way.
                    if (isRequestHeader(header)) {
                        write(out, processor.invalidMessage(e.getMessage()));
                    }
                    return;
                }
                write(out, response);
            }
        } catch (IncompleteMessage e) {
            LOG.debug("KMIP message incomplete after {} ms; closing", messageMillis);
        } catch (SocketTimeoutException e) {
            LOG.debug("KMIP connection idle for {} ms; closing", idleMillis);
        } catch (SocketException | javax.net.ssl.SSLException | java.io.EOFException e) {
            LOG.debug("KMIP connection ended: {}", e.getMessage());
        } catch (IOException e) {
            LOG.debug("KMIP connection failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("KMIP connection failed unexpectedly", e);
        } finally {
            open.remove(socket);
            slots.release();
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    /** A message that stopped short of its declared length for longer than the message read timeout. */
    private static final class IncompleteMessage extends IOException {
        IncompleteMessage() {
            super("incomplete message", null);
        }
    }

    private static boolean isRequestHeader(byte[] header) {
        if (header.length < HEADER_BYTES) {
            return false;
        }
        int tag = ((header[0] & 0xFF) << 16) | ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
        return tag == Tag.REQUEST_MESSAGE.code() && header[3] == ItemType.STRUCTURE.code();
    }

    private static void write(OutputStream out, Ttlv message) throws IOException {
        out.write(TtlvBinary.encode(message));
        out.flush();
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the KMIP server socket: {}", e.getMessage());
        }
        for (SSLSocket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing a KMIP connection: {}", e.getMessage());
            }
        }
        acceptor.interrupt();
    }
}
