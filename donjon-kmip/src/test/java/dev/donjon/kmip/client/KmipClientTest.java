package dev.donjon.kmip.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.TtlvLimits;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestBatchItem;
import dev.donjon.kmip.message.RequestMessage;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponseBatchItem;
import dev.donjon.kmip.message.ResponseHeader;
import dev.donjon.kmip.message.ResponseMessage;
import dev.donjon.kmip.message.ResponsePayload;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KmipClient against a small TLS server in the test that answers canned responses. The server's
 * self-signed certificate (for "localhost") is made with the JDK's keytool and is the client's
 * only trust anchor.
 */
@DisplayName("KmipClient over TLS")
class KmipClientTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;
    private static SSLContext serverContext;
    private static SSLContext clientContext;

    private CannedServer server;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path store = keys.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", keyStore.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Accepts one connection and answers each request with {@code answer}; records the requests it read. */
    private static final class CannedServer implements AutoCloseable {
        final SSLServerSocket socket;
        final List<RequestMessage> requests = new CopyOnWriteArrayList<>();
        final Thread thread;

        CannedServer(Function<RequestMessage, Optional<ResponseMessage>> answer) throws IOException {
            socket = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0);
            thread = Thread.ofVirtual().start(() -> {
                try (SSLSocket connection = (SSLSocket) socket.accept()) {
                    InputStream in = connection.getInputStream();
                    while (true) {
                        Optional<Ttlv> read = TtlvBinary.readMessage(in, TtlvLimits.DEFAULT);
                        if (read.isEmpty()) {
                            return;
                        }
                        RequestMessage request = RequestMessage.fromTtlv(read.get());
                        requests.add(request);
                        Optional<ResponseMessage> response = answer.apply(request);
                        if (response.isPresent()) {
                            connection.getOutputStream().write(TtlvBinary.encode(response.get().toTtlv()));
                            connection.getOutputStream().flush();
                        }
                    }
                } catch (Exception e) {
                    // The client hung up or the test is over; the assertions are on the client side.
                }
            });
        }

        KmipClient.Config config() {
            return KmipClient.Config.of("localhost", socket.getLocalPort(), clientContext);
        }

        @Override
        public void close() throws IOException {
            socket.close();
            thread.interrupt();
        }
    }

    private static ResponseMessage answerEach(RequestMessage request, Function<RequestBatchItem, ResponseBatchItem> answer) {
        ResponseHeader header = ResponseHeader.answering(request.header(), request.header().protocolVersion(), Instant.now(), 1);
        return ResponseMessage.of(header, request.items().stream().map(answer).toList());
    }

    private static Structure symmetricKey(int bytes) {
        return new Structure(Tag.SYMMETRIC_KEY, new Structure(Tag.KEY_BLOCK,
                new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
                new Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, new byte[bytes]))));
    }

    /** Answers each Get with a key of {@code bytes} bytes named after the requested identifier, in reverse order to show matching by id. */
    private static Optional<ResponseMessage> keys(RequestMessage request, int bytes) {
        ResponseMessage answer = answerEach(request, item -> {
            String id = ((Ttlv.TextItem) item.payload().children().getFirst()).value();
            return ResponseBatchItem.success(Operation.GET, item.uniqueBatchItemId(),
                    new ResponsePayload.Get(ObjectType.SYMMETRIC_KEY, id, symmetricKey(bytes)).toTtlv(request.header().protocolVersion()));
        });
        return Optional.of(new ResponseMessage(answer.header(), answer.items().reversed()));
    }

    @Test
    void aBatchOfThreeGetsIsOneRoundTripAndAnswersComeBackInRequestOrder() throws Exception {
        server = new CannedServer(request -> keys(request, 32));
        try (KmipClient client = KmipClient.connect(server.config())) {
            List<ResponseBatchItem> answers = client.batch()
                    .add(new RequestPayload.Get("a")).add(new RequestPayload.Get("b")).add(new RequestPayload.Get("c"))
                    .send();

            assertThat(server.requests).hasSize(1);
            assertThat(server.requests.getFirst().items()).hasSize(3).allSatisfy(item -> assertThat(item.uniqueBatchItemId()).isPresent());
            List<String> ids = new ArrayList<>();
            for (ResponseBatchItem answer : answers) {
                ids.add(client.payload(answer, ResponsePayload.Get.class).uniqueIdentifier());
            }
            assertThat(ids).containsExactly("a", "b", "c");
        }
    }

    @Test
    void aResponseOverTheMaximumSizeIsRefusedAndTheLimitIsSentToTheServer() throws Exception {
        server = new CannedServer(request -> keys(request, 4096));
        try (KmipClient client = KmipClient.connect(server.config().withMaxResponseSize(1024))) {
            assertThatThrownBy(() -> client.get("big")).isInstanceOf(IOException.class).hasMessageContaining("invalid response");
            assertThat(server.requests.getFirst().header().maximumResponseSize()).contains(1024);
            assertThatThrownBy(() -> client.get("again")).isInstanceOf(IOException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        server = new CannedServer(request -> Optional.empty());
        try (KmipClient client = KmipClient.connect(server.config().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.destroy("1")).isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aFailedOperationThrowsItsResultReasonAndTheConnectionStaysUsable() throws Exception {
        server = new CannedServer(request -> Optional.of(answerEach(request, item -> switch (item.operation()) {
            case DESTROY -> ResponseBatchItem.failure(Optional.of(Operation.DESTROY), Optional.empty(), ResultReason.ITEM_NOT_FOUND, "no such object");
            default -> ResponseBatchItem.success(item.operation(), Optional.empty(),
                    new ResponsePayload.Activate("1").toTtlv(ProtocolVersion.V1_4));
        })));
        try (KmipClient client = KmipClient.connect(server.config())) {
            KmipOperationException e = catchThrowableOfType(KmipOperationException.class, () -> client.destroy("1"));
            assertThat(e.reason()).isEqualTo(ResultReason.ITEM_NOT_FOUND);
            assertThat(e).hasMessageContaining("no such object");
            client.activate("1");
            assertThat(server.requests).hasSize(2);
        }
    }

    @Test
    void version21SendsTaggedAttributes() throws Exception {
        server = new CannedServer(request -> Optional.of(answerEach(request, item -> ResponseBatchItem.success(Operation.LOCATE, Optional.empty(),
                new ResponsePayload.Locate(Optional.empty(), List.of("k-1")).toTtlv(ProtocolVersion.V2_1)))));
        try (KmipClient client = KmipClient.connect(server.config().withProtocolVersion(ProtocolVersion.V2_1))) {
            assertThat(client.locateByName("backup")).containsExactly("k-1");
            RequestMessage sent = server.requests.getFirst();
            assertThat(sent.header().protocolVersion()).isEqualTo(ProtocolVersion.V2_1);
            assertThat(sent.items().getFirst().payload().find(Tag.ATTRIBUTES)).isPresent();
        }
    }

    @Test
    void anUntrustedServerIsRefusedAtTheHandshake() throws Exception {
        server = new CannedServer(request -> Optional.empty());
        SSLContext trustsNothing = SSLContext.getInstance("TLS");
        TrustManagerFactory empty = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore none = KeyStore.getInstance("PKCS12");
        none.load(null, null);
        empty.init(none);
        trustsNothing.init(null, empty.getTrustManagers(), null);
        KmipClient.Config config = KmipClient.Config.of("localhost", server.socket.getLocalPort(), trustsNothing);
        assertThatThrownBy(() -> KmipClient.connect(config)).isInstanceOf(IOException.class);
    }
}
