package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.SplitKeyMethod;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Join Split Key refuses what cannot rebuild a key: too few parts, parts of different splits, objects that are no parts. */
class JoinSplitKeyTest extends OperationTest {

    private List<String> split(SplitKeyMethod method, int parts, int threshold) {
        return serve(new RequestPayload.CreateSplitKey(ObjectType.SPLIT_KEY, Optional.empty(), parts, threshold, method,
                Optional.empty(), Attributes.symmetricKey(CryptographicAlgorithm.AES, 128)),
                ResponsePayload.CreateSplitKey.class).uniqueIdentifiers();
    }

    private RequestPayload.JoinSplitKey join(List<String> parts) {
        return new RequestPayload.JoinSplitKey(ObjectType.SYMMETRIC_KEY, parts, Optional.empty(), Attributes.EMPTY);
    }

    @Test
    void refusesWhatCannotRebuildAKey() {
        List<String> shamir = split(SplitKeyMethod.POLYNOMIAL_SHARING_GF_28, 4, 3);
        assertThat(refusal(join(shamir.subList(0, 2)))).as("below the threshold").isInstanceOf(DomainException.InvalidInput.class);
        List<String> xor = split(SplitKeyMethod.XOR, 2, 2);
        assertThat(refusal(join(xor.subList(0, 1)))).as("an XOR part alone").isInstanceOf(DomainException.InvalidInput.class);
        assertThat(reason(join(List.of(shamir.get(0), xor.get(0), xor.get(1))))).as("parts of two splits")
                .isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(reason(join(List.of(aesKey(128, CryptographicUsageMask.ENCRYPT))))).as("no split key")
                .isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
        assertThat(reason(new RequestPayload.JoinSplitKey(ObjectType.PRIVATE_KEY, xor, Optional.empty(), Attributes.EMPTY)))
                .isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    }

    @Test
    void secretDataComesBackAsSecretData() {
        List<String> parts = split(SplitKeyMethod.XOR, 2, 2);
        ResponsePayload.Get got = serve(new RequestPayload.Get(Optional.of(serve(new RequestPayload.JoinSplitKey(
                ObjectType.SECRET_DATA, parts, Optional.empty(), Attributes.EMPTY), ResponsePayload.JoinSplitKey.class)
                .uniqueIdentifier()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), ResponsePayload.Get.class);
        assertThat(got.objectType()).isEqualTo(ObjectType.SECRET_DATA);
    }
}
