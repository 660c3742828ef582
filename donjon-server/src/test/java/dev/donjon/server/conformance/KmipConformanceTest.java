package dev.donjon.server.conformance;

import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.TtlvLimits;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.crypto.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the OASIS KMIP profile test cases (../shared/reference/kmip/vectors, mandatory cases of 1.4 and 2.1)
 * against a running Donjon over mutual TLS. Every case listed in {@code kmip/claimed-vectors.txt} must pass; the
 * outcome of every case is written to {@code target/kmip-conformance.md}, from which docs/kmip-conformance.md is
 * updated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipConformanceTest {
    @TempDir
    Path dataDir;
    private final java.util.Map<String, Suite> suites = new java.util.HashMap<>();

    /** A server and the client that speaks to it. */
    private record Suite(TestServer server, SSLContext clientTls) {
    }

    /**
     * Each protocol version's suite runs on a server of its own, as separate test runs would: the cases of one suite
     * build on each other (TL-M-2 creates the named key that TL-M-3 finds and destroys), and a key the 1.4 suite
     * leaves behind must not hold the Name the 2.1 suite creates again (Names are unique).
     */
    private Suite suite(String version) {
        return suites.computeIfAbsent(version, v -> {
            Path dir = dataDir.resolve(v);
            TestServer server = TestServer.sqlite(dir);
            return new Suite(server, TlsContexts.client(server.caCertificate(),
                    dir.resolve(DevMode.KMIP_CLIENT_CERTIFICATE), dir.resolve(DevMode.KMIP_CLIENT_KEY)));
        });
    }

    @AfterAll
    void stop() {
        suites.values().forEach(suite -> suite.server().close());
    }

    @Test
    void everyClaimedMandatoryCasePasses() throws IOException {
        Path vectors = VectorFile.locate();
        if (vectors == null) {
            assertThat(System.getenv("CI")).as("../shared/reference/kmip/vectors must exist under CI=true")
                    .isNotEqualTo("true");
            return;
        }
        KmipConformance runner = new KmipConformance(Clock.systemUTC());
        List<KmipConformance.Result> results = new ArrayList<>();
        for (VectorFile vector : VectorFile.all(vectors)) {
            if (vector.mandatory()) {
                try (Connection connection = new Connection(suite(vector.version()))) {
                    results.add(runner.run(vector, connection::exchange));
                }
            }
        }
        writeReport(results);

        Set<String> claimed = VectorFile.claimed();
        Set<String> passed = new TreeSet<>();
        results.stream().filter(r -> r.outcome() == KmipConformance.Outcome.PASSED)
                .forEach(r -> passed.add(r.vector().name()));
        List<String> regressions = results.stream().filter(r -> claimed.contains(r.vector().name()))
                .filter(r -> r.outcome() != KmipConformance.Outcome.PASSED)
                .map(r -> r.vector().name() + ": " + r.summary()).toList();
        assertThat(regressions).as("claimed cases that no longer pass").isEmpty();
        assertThat(passed).as("every claimed case was run").containsAll(claimed);
    }

    private static void writeReport(List<KmipConformance.Result> results) throws IOException {
        StringBuilder report = new StringBuilder("| case | profile | version | result |\n|---|---|---|---|\n");
        for (KmipConformance.Result result : results) {
            report.append("| ").append(result.vector().name()).append(" | ").append(result.vector().profile())
                    .append(" | ").append(result.vector().version()).append(" | ")
                    .append(result.summary().replace("|", "\\|")).append(" |\n");
        }
        long passed = results.stream().filter(r -> r.outcome() == KmipConformance.Outcome.PASSED).count();
        report.append("\n").append(passed).append(" of ").append(results.size()).append(" mandatory cases pass.\n");
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("kmip-conformance.md"), report);
    }

    /** One TLS connection per case, as separate clients would run them. */
    private final class Connection implements AutoCloseable {
        private final SSLSocket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(Suite suite) throws IOException {
            socket = (SSLSocket) suite.clientTls().getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    suite.server().server().kmipPort());
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        Ttlv exchange(Ttlv request) throws IOException, dev.donjon.kmip.TtlvException {
            out.write(TtlvBinary.encode(request));
            out.flush();
            return TtlvBinary.readMessage(in, TtlvLimits.DEFAULT)
                    .orElseThrow(() -> new IOException("the server closed the connection"));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
