package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.HashingAlgorithm;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HashTest extends OperationTest {

    @Test
    void sha256OfAbcIsTheFips180Vector() {
        ResponsePayload.Hash hash = serve(new RequestPayload.Hash(parameters(HashingAlgorithm.SHA_256),
                Optional.of("abc".getBytes(StandardCharsets.US_ASCII)), Optional.empty(), Optional.empty(),
                Optional.empty()), ResponsePayload.Hash.class);

        assertThat(HexFormat.of().formatHex(hash.data().orElseThrow()))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aHashingAlgorithmIsRequired() {
        assertThat(reason(new RequestPayload.Hash(new Ttlv.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
                java.util.List.of()), Optional.of(new byte[1]), Optional.empty(), Optional.empty(), Optional.empty())))
                .isEqualTo(ResultReason.MISSING_DATA);
    }

    private static Ttlv.Structure parameters(HashingAlgorithm algorithm) {
        return new Ttlv.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, new Ttlv.EnumerationItem(Tag.HASHING_ALGORITHM,
                algorithm));
    }
}
