package dev.donjon.server.crypto;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsContextsTest {
    @TempDir
    Path directory;
    private DevPki.Material pki;

    @BeforeEach
    void issue() {
        pki = DevPki.ensure(directory, List.of("donjon.example"));
    }

    @Test
    void theDevPkiKeepsPrivateKeysOwnerOnlyAndNamesTheLoopbackAddresses() throws Exception {
        for (String key : List.of(DevPki.CA_KEY, DevPki.SERVER_KEY)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(key))))
                    .isEqualTo("rw-------");
        }
        X509Certificate server = Pem.readCertificates(pki.serverCertificate()).getFirst();
        assertThat(server.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
                .contains("localhost", "127.0.0.1", "donjon.example");
        server.verify(Pem.readCertificates(pki.caCertificate()).getFirst().getPublicKey());
    }

    @Test
    void aSecondEnsureReusesTheExistingPki() throws Exception {
        byte[] before = Files.readAllBytes(pki.serverCertificate());
        DevPki.ensure(directory, List.of());
        assertThat(Files.readAllBytes(pki.serverCertificate())).isEqualTo(before);
    }

    @Test
    void aClientTrustingTheDevCaCompletesAModernHandshake() throws Exception {
        TlsContexts.ServerTls server = TlsContexts.server(pki.serverCertificate(), pki.serverKey());
        SSLContext client = TlsContexts.client(pki.caCertificate());
        assertThat(handshake(server, client, null)).isEqualTo("TLSv1.3");
        assertThat(handshake(server, client, new String[]{"TLSv1.2"})).isEqualTo("TLSv1.2");
    }

    @Test
    void refusesTlsBelow1Point2() {
        TlsContexts.ServerTls server = TlsContexts.server(pki.serverCertificate(), pki.serverKey());
        assertThatThrownBy(() -> handshake(server, TlsContexts.client(pki.caCertificate()), new String[]{"TLSv1.1"}))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void offersOnlyForwardSecretAeadSuites() {
        TlsContexts.ServerTls server = TlsContexts.server(pki.serverCertificate(), pki.serverKey());
        assertThat(server.parameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(server.parameters().getCipherSuites()).isNotEmpty().allSatisfy(suite -> assertThat(suite)
                .matches("TLS_(AES|CHACHA20)_.*|TLS_ECDHE_.*_(GCM|CHACHA20_POLY1305)_.*"));
    }

    @Test
    void aMutualServerAcceptsIssuedClientCertificatesOnly() throws Exception {
        TlsContexts.ServerTls server = TlsContexts.mutual(pki.serverCertificate(), pki.serverKey(),
                pki.caCertificate());
        DevPki.ClientCredential client = DevPki.issueClient(directory, "kmip-client",
                directory.resolve("client.pem"), directory.resolve("client-key.pem"));
        SSLContext withCertificate = TlsContexts.client(pki.caCertificate(), client.certificate(), client.privateKey());
        assertThat(handshake(server, withCertificate, null)).isEqualTo("TLSv1.3");
        assertThatThrownBy(() -> handshake(server, TlsContexts.client(pki.caCertificate()), null))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aResumedSessionStillCarriesTheVerifiedClientCertificate() throws Exception {
        TlsContexts.ServerTls server = TlsContexts.mutual(pki.serverCertificate(), pki.serverKey(),
                pki.caCertificate());
        DevPki.ClientCredential client = DevPki.issueClient(directory, "kmip-client",
                directory.resolve("client.pem"), directory.resolve("client-key.pem"));
        SSLContext context = TlsContexts.client(pki.caCertificate(), client.certificate(), client.privateKey());
        try (SSLServerSocket listener = (SSLServerSocket) server.context().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSSLParameters(server.parameters());
            SSLSession first = serverSession(listener, context);
            SSLSession resumed = serverSession(listener, context);
            assertThat(resumed.getCreationTime()).as("resumed from the first session's ticket")
                    .isEqualTo(first.getCreationTime());
            assertThat(resumed.getPeerCertificates()[0]).isEqualTo(Pem.readCertificates(client.certificate()).getFirst());
        }
    }

    /** The server's side of one connection from {@code client}, after one byte each way. */
    private static SSLSession serverSession(SSLServerSocket listener, SSLContext client) throws Exception {
        CompletableFuture<SSLSession> accepted = CompletableFuture.supplyAsync(() -> {
            try (SSLSocket socket = (SSLSocket) listener.accept()) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(socket.getInputStream().read());
                return socket.getSession();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(42);
            socket.getOutputStream().flush();
            // The server's session ticket precedes its byte: reading the byte stores the ticket for the next connection.
            assertThat(socket.getInputStream().read()).isEqualTo(42);
        }
        return accepted.get(10, TimeUnit.SECONDS);
    }

    /** Connects, exchanges one byte each way (so that TLS 1.3 client authentication completes), returns the protocol. */
    private static String handshake(TlsContexts.ServerTls server, SSLContext client, String[] clientProtocols)
            throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.context().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSSLParameters(server.parameters());
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(5000);
                    socket.getOutputStream().write(socket.getInputStream().read());
                } catch (IOException ignored) {
                    // The client side reports the failure this test looks at.
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(5000);
                if (clientProtocols != null) {
                    socket.setEnabledProtocols(clientProtocols);
                }
                socket.getOutputStream().write(42);
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() != 42) {
                    throw new IOException("connection closed by the server");
                }
                return socket.getSession().getProtocol();
            } finally {
                accepted.get(10, TimeUnit.SECONDS);
            }
        }
    }
}
