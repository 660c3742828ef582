package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.BatchErrorContinuationOption;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import dev.donjon.server.app.KmipClientCertificates;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One policy for both protocols: a private secret stored over REST is private over KMIP too. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipPolicyTest {
    private static final String PROJECT = "p-private";
    private TestServer server;
    private KmipClientCertificates.Issued creator;
    private KmipClientCertificates.Issued admin;
    private HttpClient http;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        DevPki.ensure(dataDir, List.of());
        creator = KmipClientCertificates.issue(dataDir, new ProjectId(PROJECT), Set.of(Role.CREATOR));
        admin = KmipClientCertificates.issue(dataDir, new ProjectId(PROJECT), Set.of(Role.ADMIN));
        server = TestServer.sqlite(dataDir);
        http = HttpClient.newBuilder().sslContext(server.clientTls()).build();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPrivateSecretIsReadOnlyByItsCreatorAndTheProjectAdminsOverKmipToo() throws Exception {
        String id = privateSecretOfAlice();

        try (KmipClient asCreator = connect(creator)) {
            assertThatThrownBy(() -> asCreator.get(id)).isInstanceOfSatisfying(KmipOperationException.class,
                    e -> assertThat(e.reason()).isEqualTo(ResultReason.PERMISSION_DENIED));
        }
        try (KmipClient asAdmin = connect(admin)) {
            assertThat(asAdmin.get(id).uniqueIdentifier()).isEqualTo(id);
        }
    }

    @Test
    void aSharedSecretOfTheProjectIsReadByItsCreators() throws Exception {
        String id = secretOfAlice();
        try (KmipClient asCreator = connect(creator)) {
            assertThat(asCreator.get(id).uniqueIdentifier()).isEqualTo(id);
        }
    }

    @Test
    void anUndoneBatchLeavesNoRecordOfWhatItUndidButKeepsTheRecordOfItsRefusal() throws Exception {
        String privateId = privateSecretOfAlice();
        try (KmipConnection asCreator = new KmipConnection(TlsContexts.client(server.caCertificate(),
                creator.files().certificate(), creator.files().privateKey()), server.server().kmipPort())) {
            List<Ttlv.Structure> answers = asCreator.batch(BatchErrorContinuationOption.UNDO,
                    Kmip.createAes(128),
                    KmipConnection.item(Operation.GET, Kmip.uid(privateId)));
            assertThat(answers).extracting(KmipConnection::status)
                    .containsExactly(ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_FAILED);
            assertThat(KmipConnection.reason(answers.get(1))).isEqualTo(ResultReason.PERMISSION_DENIED);
            String undone = Kmip.text(answers.getFirst().find(Tag.RESPONSE_PAYLOAD, Ttlv.Structure.class)
                    .orElseThrow(), Tag.UNIQUE_IDENTIFIER);

            List<AuditEvent> trail = server.server().store().read(tx -> tx.audit().tail(1000));
            assertThat(trail).noneMatch(e -> undone.equals(e.objectId()));
            assertThat(trail).anyMatch(e -> privateId.equals(e.objectId()) && e.action() == Action.SECRET_READ_PAYLOAD
                    && e.outcome() == AuditEvent.Outcome.DENIED);
        }
    }

    @Test
    void theServerCorrelationValueOfAResponseNamesItsRequestInTheAuditTrail() throws Exception {
        try (KmipConnection asCreator = new KmipConnection(TlsContexts.client(server.caCertificate(),
                creator.files().certificate(), creator.files().privateKey()), server.server().kmipPort())) {
            KmipConnection.Item item = Kmip.createAes(128);
            Ttlv.Structure create = new Ttlv.Structure(Tag.BATCH_ITEM, new Ttlv.EnumerationItem(Tag.OPERATION,
                    item.operation()), new Ttlv.Structure(Tag.REQUEST_PAYLOAD, item.payload()));
            Ttlv.Structure response = asCreator.send(new Ttlv.Structure(Tag.REQUEST_MESSAGE,
                    new Ttlv.Structure(Tag.REQUEST_HEADER,
                            new Ttlv.Structure(Tag.PROTOCOL_VERSION, new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MAJOR, 2),
                                    new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MINOR, 1)),
                            new Ttlv.TextItem(Tag.CLIENT_CORRELATION_VALUE, "backup-job-42"),
                            new Ttlv.IntegerItem(Tag.BATCH_COUNT, 1)),
                    create)).orElseThrow();

            String correlation = Kmip.text(response.find(Tag.RESPONSE_HEADER, Ttlv.Structure.class).orElseThrow(),
                    Tag.SERVER_CORRELATION_VALUE);
            String created = Kmip.text(response.find(Tag.BATCH_ITEM, Ttlv.Structure.class).orElseThrow()
                    .find(Tag.RESPONSE_PAYLOAD, Ttlv.Structure.class).orElseThrow(), Tag.UNIQUE_IDENTIFIER);
            List<AuditEvent> trail = server.server().store().read(tx -> tx.audit().tail(1000));
            assertThat(trail).filteredOn(e -> correlation.equals(e.requestId()))
                    .extracting(AuditEvent::objectId).contains(created);

            // KMIP 1.3 and earlier have no Server Correlation Value, even for a client that sent its own value.
            Ttlv.Structure older = asCreator.send(new Ttlv.Structure(Tag.REQUEST_MESSAGE,
                    new Ttlv.Structure(Tag.REQUEST_HEADER,
                            new Ttlv.Structure(Tag.PROTOCOL_VERSION, new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MAJOR, 1),
                                    new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MINOR, 3)),
                            new Ttlv.TextItem(Tag.CLIENT_CORRELATION_VALUE, "backup-job-43"),
                            new Ttlv.IntegerItem(Tag.BATCH_COUNT, 1)),
                    create)).orElseThrow();
            assertThat(older.find(Tag.RESPONSE_HEADER, Ttlv.Structure.class).orElseThrow()
                    .find(Tag.SERVER_CORRELATION_VALUE)).isEmpty();

            // A 2.x client that sent no correlation value gets none (PyKMIP 0.10 refuses the unknown header field),
            // and the audit trail still records its call.
            Ttlv.Structure uncorrelated = asCreator.send(new Ttlv.Structure(Tag.REQUEST_MESSAGE,
                    new Ttlv.Structure(Tag.REQUEST_HEADER,
                            new Ttlv.Structure(Tag.PROTOCOL_VERSION, new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MAJOR, 2),
                                    new Ttlv.IntegerItem(Tag.PROTOCOL_VERSION_MINOR, 0)),
                            new Ttlv.IntegerItem(Tag.BATCH_COUNT, 1)),
                    create)).orElseThrow();
            assertThat(uncorrelated.find(Tag.RESPONSE_HEADER, Ttlv.Structure.class).orElseThrow()
                    .find(Tag.SERVER_CORRELATION_VALUE)).isEmpty();
            String createdQuietly = Kmip.text(uncorrelated.find(Tag.BATCH_ITEM, Ttlv.Structure.class).orElseThrow()
                    .find(Tag.RESPONSE_PAYLOAD, Ttlv.Structure.class).orElseThrow(), Tag.UNIQUE_IDENTIFIER);
            List<AuditEvent> quietTrail = server.server().store().read(tx -> tx.audit().tail(1000));
            assertThat(quietTrail).filteredOn(e -> createdQuietly.equals(e.objectId()))
                    .extracting(AuditEvent::requestId).isNotEmpty().allMatch(id -> id.startsWith("kmip-"));
        }
    }

    private String privateSecretOfAlice() throws Exception {
        String id = secretOfAlice();
        HttpResponse<String> acl = http.send(request("/v1/secrets/" + id + "/acl")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"read\": {\"project-access\": false}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(acl.statusCode()).as(acl.body()).isEqualTo(200);
        return id;
    }

    private String secretOfAlice() throws Exception {
        HttpResponse<String> created = http.send(request("/v1/secrets")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\": \"AAECAwQFBgcICQoLDA0ODw==\", "
                        + "\"payload_content_type\": \"application/octet-stream\", \"payload_content_encoding\": "
                        + "\"base64\", \"secret_type\": \"symmetric\", \"algorithm\": \"aes\", \"bit_length\": 128}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("X-Project-Id", PROJECT)
                .header("X-Roles", "creator").header("X-User-Id", "alice");
    }

    private KmipClient connect(KmipClientCertificates.Issued identity) throws IOException {
        return KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.server().kmipPort(),
                TlsContexts.client(server.caCertificate(), identity.files().certificate(),
                        identity.files().privateKey())));
    }
}
