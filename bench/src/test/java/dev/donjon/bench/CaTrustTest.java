package dev.donjon.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaTrustTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static InMemoryBarbican server;
    static Path otherCa;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.shared();
        otherCa = TestPki.otherCaPem(dir);
        server = InMemoryBarbican.start(pki, "token");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void trustsAServerCertificateSignedByTheCa() throws Exception {
        assertThat(statusOfAGet(CaTrust.fromPem(pki.caPem()))).isEqualTo(404);
    }

    @Test
    void refusesAServerCertificateSignedByAnotherCa() {
        SSLContext other = CaTrust.fromPem(otherCa);

        assertThatThrownBy(() -> statusOfAGet(other)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void trustsEveryCertificateOfABundle() throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(otherCa) + Files.readString(pki.caPem()));

        assertThat(statusOfAGet(CaTrust.fromPem(bundle))).isEqualTo(404);
    }

    @Test
    void saysWhatIsWrongWithTheFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.pem"));
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnope\n");

        assertThatThrownBy(() -> CaTrust.fromPem(empty)).isInstanceOf(BenchException.class)
                .hasMessageContaining("no certificate in");
        assertThatThrownBy(() -> CaTrust.fromPem(garbage)).isInstanceOf(BenchException.class)
                .hasMessageContaining("cannot read CA certificate");
        assertThatThrownBy(() -> CaTrust.fromPem(dir.resolve("missing.pem"))).isInstanceOf(BenchException.class)
                .hasMessageContaining("cannot read CA certificate");
    }

    private static int statusOfAGet(SSLContext tls) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().sslContext(tls).build()) {
            HttpRequest get = HttpRequest.newBuilder(server.url().resolve("/v1/secrets/none"))
                    .header("X-Auth-Token", "token").build();
            return client.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
