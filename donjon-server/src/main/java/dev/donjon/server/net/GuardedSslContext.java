package dev.donjon.server.net;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A server TLS context that bounds how long an accepted connection may stay silent: Helidon layers TLS over each
 * accepted socket through this context's socket factory, which first gives the socket a read timeout. Every read then
 * ends after {@code readTimeout}: the TLS handshake, each read of a request, and the wait for the next request on a
 * kept-alive connection. Helidon itself has no such timeout: a connection that never sends a byte would hold its
 * connection slot, and its descriptor, forever. Closing the TLS socket closes the accepted one (see
 * {@link Layering#createSocket(Socket, InputStream, boolean)}). Everything else is the wrapped context's.
 */
public final class GuardedSslContext extends SSLContext {
    /**
     * @param parameters applied to every layered socket (protocols, suites, whether a client certificate is asked
     *                   for), or {@code null} for the wrapped context's defaults
     */
    /** @param handshakes counts the handshakes of the sockets this context layers */
    public GuardedSslContext(SSLContext context, Duration readTimeout, SSLParameters parameters,
                             TlsHandshakes handshakes) {
        super(new Spi(context, (int) Math.max(1, Math.min(Integer.MAX_VALUE, readTimeout.toMillis())), parameters,
                handshakes), context.getProvider(), context.getProtocol());
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext context;
        private final int readMillis;
        private final SSLParameters parameters;
        private final TlsHandshakes handshakes;

        Spi(SSLContext context, int readMillis, SSLParameters parameters, TlsHandshakes handshakes) {
            this.context = context;
            this.readMillis = readMillis;
            this.parameters = parameters;
            this.handshakes = handshakes;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            throw new UnsupportedOperationException("the wrapped context is initialised already");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new Layering(context.getSocketFactory(), readMillis, parameters, handshakes);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return context.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return context.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return context.createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return context.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return context.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return context.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return context.getSupportedSSLParameters();
        }
    }

    /** The factory that layers TLS over an accepted socket, setting the read timeout first. */
    private static final class Layering extends SSLSocketFactory {
        private final SSLSocketFactory factory;
        private final int readMillis;
        private final SSLParameters parameters;
        private final TlsHandshakes handshakes;

        Layering(SSLSocketFactory factory, int readMillis, SSLParameters parameters, TlsHandshakes handshakes) {
            this.factory = factory;
            this.readMillis = readMillis;
            this.parameters = parameters;
            this.handshakes = handshakes;
        }

        /**
         * Helidon layers TLS with {@code autoClose} false and then closes only the TLS socket, which leaves the
         * accepted socket open: its descriptor, and the client's connection, lasted until a garbage collection
         * reclaimed it (a client that sent {@code Connection: close} waited for an end that did not come). The TLS
         * socket is the only user of the accepted one, so closing it closes both.
         */
        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            socket.setSoTimeout(readMillis);
            SSLSocket layered = (SSLSocket) factory.createSocket(socket, consumed, true);
            if (parameters != null) {
                // Helidon configures a server socket it creates itself, not a socket layered over an accepted one:
                // without this, "ask for a client certificate" never reached the handshake.
                layered.setSSLParameters(parameters);
            }
            handshakes.begun();   // Helidon drives the handshake: its completion is not seen here
            return layered;
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            socket.setSoTimeout(readMillis);
            return factory.createSocket(socket, host, port, autoClose);
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return factory.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return factory.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return factory.createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return factory.createSocket(host, port, local, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return factory.createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
                throws IOException {
            return factory.createSocket(address, port, local, localPort);
        }
    }
}
