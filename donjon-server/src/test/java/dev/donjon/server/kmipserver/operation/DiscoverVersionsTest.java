package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoverVersionsTest extends OperationTest {

    @Test
    void answersEveryVersionNewestFirstOrThoseOfferedThatDonjonSpeaks() {
        assertThat(serve(new RequestPayload.DiscoverVersions(List.of()), ResponsePayload.DiscoverVersions.class)
                .versions()).containsExactly(ProtocolVersion.V2_1, ProtocolVersion.V2_0, ProtocolVersion.V1_4,
                ProtocolVersion.V1_3, ProtocolVersion.V1_2, ProtocolVersion.V1_1, ProtocolVersion.V1_0);
        assertThat(serve(new RequestPayload.DiscoverVersions(List.of(new ProtocolVersion(3, 0), ProtocolVersion.V1_2,
                ProtocolVersion.V2_0)), ResponsePayload.DiscoverVersions.class).versions())
                .containsExactly(ProtocolVersion.V2_0, ProtocolVersion.V1_2);
    }
}
