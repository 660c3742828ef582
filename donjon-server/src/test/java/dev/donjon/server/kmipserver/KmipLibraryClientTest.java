package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.QueryFunction;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.access.AuthMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Donjon's own KMIP client library against Donjon's server, in both protocol generations: the typed messages and the
 * server agree on the wire. Also checks that every KMIP change is audited as the client certificate's identity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipLibraryClientTest {
    private KmipTestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = KmipTestServer.start(dataDir, 1 << 20);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.4", "2.1"})
    void aKeyLivesItsWholeLifeThroughTheLibraryClient(String version) throws Exception {
        String[] parts = version.split("\\.");
        ProtocolVersion protocol = new ProtocolVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        KmipClient.Config config = KmipClient.Config.of("127.0.0.1", server.kmipPort(), server.devClient())
                .withProtocolVersion(protocol);
        try (KmipClient client = KmipClient.connect(config)) {
            assertThat(client.discoverVersions(List.of())).contains(ProtocolVersion.V2_1, ProtocolVersion.V1_4);
            assertThat(client.query(QueryFunction.QUERY_OPERATIONS).operations())
                    .contains(Operation.CREATE, Operation.ENCRYPT);

            String name = "library-" + UUID.randomUUID();
            String id = client.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.of(name),
                    CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
            assertThat(client.get(id).objectType()).isEqualTo(ObjectType.SYMMETRIC_KEY);
            assertThat(client.locateByName(name)).containsExactly(id);

            client.activate(id);
            Structure gcm = new Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
                    new Ttlv.EnumerationItem(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.GCM));
            byte[] data = "library".getBytes(StandardCharsets.UTF_8);
            var encrypted = client.encrypt(id, data, Optional.of(gcm), Optional.empty());
            assertThat(encrypted.data()).isPresent();
            assertThat(encrypted.ivCounterNonce()).isPresent();

            assertThatThrownBy(() -> client.destroy(id)).isInstanceOfSatisfying(KmipOperationException.class,
                    e -> assertThat(e.reason()).isEqualTo(protocol.major() >= 2
                            ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.PERMISSION_DENIED));
            client.revoke(id, RevocationReasonCode.SUPERSEDED, Optional.of("rotated"));
            client.destroy(id);

            List<AuditEvent> events = server.audit(50).stream().filter(e -> id.equals(e.objectId())).toList();
            assertThat(events).extracting(AuditEvent::action).containsSubsequence(Action.SECRET_CREATE,
                    Action.SECRET_ACTIVATE, Action.SECRET_USE, Action.SECRET_REVOKE, Action.SECRET_DELETE);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.method()).isEqualTo(AuthMethod.CLIENT_CERTIFICATE);
                assertThat(e.actorUser()).isEqualTo(dev.donjon.server.app.DevMode.KMIP_CLIENT_NAME);
                assertThat(e.actorProject()).isEqualTo("dev");
            });
        }
    }
}
