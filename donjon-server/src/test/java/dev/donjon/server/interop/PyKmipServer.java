package dev.donjon.server.interop;

import dev.donjon.server.crypto.DevPki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's python3-pykmip 0.10 KMIP server ({@code pykmip-server}), unmodified, on loopback with mutual TLS: a foreign
 * KMIP device for the tests. Its PKI is a {@link DevPki} in its own directory, with one client certificate for the
 * side under test. PyKMIP 0.10 wraps its listening socket with {@code ssl.wrap_socket}, which Python 3.12 removed;
 * Debian 12's Python is 3.11, so the server runs as packaged, and a Python without it fails {@link #start} with the
 * server's own log.
 */
public final class PyKmipServer implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/bin/pykmip-server");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path directory;
    private final Path log;

    private PyKmipServer(Process process, int port, Path directory, Path log) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.log = log;
    }

    /** Starts a server whose database, PKI and logs live in {@code directory}; waits until it listens. */
    public static PyKmipServer start(Path directory) {
        DebianPackages.requirePythonModule("kmip.services.server", "python3-pykmip");
        DebianPackages.require(SERVER, "python3-pykmip");
        try {
            Files.createDirectories(directory.resolve("policies"));
            DevPki.Material pki = DevPki.ensure(directory, List.of());
            DevPki.issueClient(directory, "donjon", directory.resolve("client.pem"),
                    directory.resolve("client-key.pem"));
            // PyKMIP binds the port it is given and does not say which one the system chose for port 0: take a free
            // one and retry the (rare) loss of the race to another process.
            IllegalStateException failure = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                Path config = directory.resolve("server.conf");
                Files.writeString(config, String.join("\n",
                        "[server]",
                        "hostname=127.0.0.1",
                        "port=" + port,
                        "certificate_path=" + pki.serverCertificate(),
                        "key_path=" + pki.serverKey(),
                        "ca_path=" + pki.caCertificate(),
                        "auth_suite=TLS1.2",
                        "policy_path=" + directory.resolve("policies"),
                        "enable_tls_client_auth=True",
                        "logging_level=INFO",
                        "database_path=" + directory.resolve("pykmip-" + attempt + ".db"),
                        ""), StandardCharsets.UTF_8);
                Path log = directory.resolve("server-" + attempt + ".log");
                Path output = directory.resolve("server-" + attempt + ".out");
                Process process = new ProcessBuilder(DebianPackages.PYTHON.toString(), SERVER.toString(),
                        "-f", config.toString(), "-l", log.toString())
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                process.getOutputStream().close();
                PyKmipServer server = new PyKmipServer(process, port, directory, log);
                try {
                    server.awaitListening(output);
                    return server;
                } catch (IllegalStateException e) {
                    server.close();
                    failure = e;
                }
            }
            throw failure;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start pykmip-server: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the server again after {@link #close}: same port, database and PKI, so that the objects it held are
     * there again.
     */
    public PyKmipServer startAgain() {
        try {
            String run = "again-" + System.nanoTime();
            Path log = directory.resolve("server-" + run + ".log");
            Path output = directory.resolve("server-" + run + ".out");
            Process process = new ProcessBuilder(DebianPackages.PYTHON.toString(), SERVER.toString(),
                    "-f", directory.resolve("server.conf").toString(), "-l", log.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            PyKmipServer server = new PyKmipServer(process, port, directory, log);
            server.awaitListening(output);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start pykmip-server again: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public Path caCertificate() {
        return directory.resolve(DevPki.CA_CERTIFICATE);
    }

    public Path clientCertificate() {
        return directory.resolve("client.pem");
    }

    public Path clientKey() {
        return directory.resolve("client-key.pem");
    }

    /** The server's log so far, for assertion messages. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void awaitListening(Path output) throws IOException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (log().contains("Starting connection service")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("pykmip-server exited with " + process.exitValue() + ": "
                        + Files.readString(output, StandardCharsets.UTF_8) + log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pykmip-server started");
            }
        }
        throw new IllegalStateException("pykmip-server did not listen within " + STARTUP + ": " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Stops the server and its policy directory monitor, a child process (multiprocessing) that would outlive a killed
     * parent. The server's accept loop waits up to 10 s between checks, so it is killed after a short grace.
     */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
