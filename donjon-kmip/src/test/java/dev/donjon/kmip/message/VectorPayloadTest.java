package dev.donjon.kmip.message;

import dev.donjon.kmip.Vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Every payload of a typed operation in the OASIS vectors reads as its record and writes back unchanged, in its message's version")
class VectorPayloadTest {

    static Stream<Path> files() {
        return Vectors.files();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void typedPayloadsRoundTrip(Path file) throws Exception {
        assumeTrue(file != null, "OASIS vectors not present; skipped outside CI");
        for (Ttlv message : Vectors.messages(file)) {
            if (message.tag() == Tag.REQUEST_MESSAGE.code()) {
                RequestMessage request = RequestMessage.fromTtlv(message);
                ProtocolVersion version = request.header().protocolVersion();
                for (RequestBatchItem item : request.items()) {
                    Optional<RequestPayload> typed = RequestPayload.fromTtlv(item.operation(), item.payload(), version);
                    if (typed.isPresent()) {
                        assertThat(typed.get().operation()).isEqualTo(item.operation());
                        assertThat(typed.get().toTtlv(version)).isEqualTo(item.payload());
                    }
                }
            } else {
                ResponseMessage response = ResponseMessage.fromTtlv(message);
                ProtocolVersion version = response.header().protocolVersion();
                for (ResponseBatchItem item : response.items()) {
                    if (item.operation().isEmpty() || item.payload().isEmpty()) {
                        continue;
                    }
                    Optional<ResponsePayload> typed = ResponsePayload.fromTtlv(item.operation().get(), item.payload().get(), version);
                    if (typed.isPresent()) {
                        assertThat(typed.get().toTtlv(version)).isEqualTo(item.payload().get());
                    }
                }
            }
        }
    }
}
