package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.SplitKeyMethod;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Create Split Key splits an existing key or a new one into Split Key objects; Join Split Key rebuilds the key from
 * enough of them (KMIP 1.4 §4.38–4.39): the rebuilt key's material is the original's.
 */
class CreateSplitKeyTest extends OperationTest {

    private byte[] material(String id) {
        Structure object = serve(new RequestPayload.Get(Optional.of(id), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()), ResponsePayload.Get.class).managedObject();
        Structure block = object.find(Tag.KEY_BLOCK, Structure.class).orElseThrow();
        return block.find(Tag.KEY_VALUE, Structure.class).orElseThrow().find(Tag.KEY_MATERIAL, Ttlv.BytesItem.class)
                .orElseThrow().value();
    }

    private String join(List<String> parts) {
        return serve(new RequestPayload.JoinSplitKey(ObjectType.SYMMETRIC_KEY, parts, Optional.empty(), Attributes.EMPTY),
                ResponsePayload.JoinSplitKey.class).uniqueIdentifier();
    }

    @ParameterizedTest
    @EnumSource(value = SplitKeyMethod.class, names = {"XOR", "POLYNOMIAL_SHARING_PRIME_FIELD", "POLYNOMIAL_SHARING_GF_28",
            "POLYNOMIAL_SHARING_GF_216"})
    void anExistingKeySplitIntoPartsIsRebuiltByEnoughOfThem(SplitKeyMethod method) {
        String key = aesKey(256, CryptographicUsageMask.ENCRYPT);
        byte[] original = material(key);
        int parts = method == SplitKeyMethod.XOR ? 3 : 5;
        int threshold = 3;
        List<String> ids = serve(new RequestPayload.CreateSplitKey(ObjectType.SYMMETRIC_KEY, Optional.of(key), parts,
                threshold, method, Optional.empty(), Attributes.EMPTY), ResponsePayload.CreateSplitKey.class).uniqueIdentifiers();
        assertThat(ids).hasSize(parts).doesNotHaveDuplicates();

        Structure first = serve(new RequestPayload.Get(Optional.of(ids.getFirst()), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), ResponsePayload.Get.class).managedObject();
        assertThat(first.tag()).isEqualTo(Tag.SPLIT_KEY.code());
        assertThat(first.find(Tag.KEY_PART_IDENTIFIER, Ttlv.IntegerItem.class).orElseThrow().value()).isEqualTo(1);
        assertThat(first.find(Tag.SPLIT_KEY_THRESHOLD, Ttlv.IntegerItem.class).orElseThrow().value()).isEqualTo(threshold);
        assertThat(first.find(Tag.PRIME_FIELD_SIZE).isPresent()).isEqualTo(method == SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD);
        assertThat(material(ids.getFirst())).isNotEqualTo(original);

        // Any threshold of the parts, in any order, rebuilds the key.
        List<String> some = method == SplitKeyMethod.XOR ? ids.reversed() : List.of(ids.get(4), ids.get(1), ids.get(2));
        String rebuilt = join(some);
        assertThat(material(rebuilt)).isEqualTo(original);
        assertThat(attribute(rebuilt, Tag.CRYPTOGRAPHIC_ALGORITHM))
                .containsExactly(new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES));
    }

    @Test
    void aNewKeyIsSplitWithoutEverBeingStoredWhole() {
        BigInteger belowTheKey = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);  // the Mersenne prime 2^127 - 1
        List<String> ids = serve(new RequestPayload.CreateSplitKey(ObjectType.SPLIT_KEY, Optional.empty(), 4, 2,
                SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD, Optional.of(BigInteger.ONE.shiftLeft(128).nextProbablePrime()),
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128, CryptographicUsageMask.ENCRYPT)),
                ResponsePayload.CreateSplitKey.class).uniqueIdentifiers();
        assertThat(ids).hasSize(4);
        assertThat(material(join(List.of(ids.get(3), ids.get(0))))).hasSize(16)
                .isEqualTo(material(join(List.of(ids.get(1), ids.get(2)))));
        assertThat(refusal(new RequestPayload.CreateSplitKey(ObjectType.SPLIT_KEY, Optional.empty(), 4, 2,
                SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD, Optional.of(belowTheKey),
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128)))).as("a field too small for the key")
                .isInstanceOf(dev.donjon.server.domain.DomainException.InvalidInput.class);
        List<String> gf216 = serve(new RequestPayload.CreateSplitKey(ObjectType.SPLIT_KEY, Optional.empty(), 4, 2,
                SplitKeyMethod.POLYNOMIAL_SHARING_GF_216, Optional.empty(), Attributes.symmetricKey(CryptographicAlgorithm.AES,
                128)), ResponsePayload.CreateSplitKey.class).uniqueIdentifiers();
        assertThat(material(join(List.of(gf216.get(2), gf216.get(0))))).hasSize(16)
                .isEqualTo(material(join(List.of(gf216.get(1), gf216.get(3)))));
        assertThat(refusal(new RequestPayload.CreateSplitKey(ObjectType.SPLIT_KEY, Optional.empty(), 4, 2,
                SplitKeyMethod.XOR, Optional.empty(), Attributes.symmetricKey(CryptographicAlgorithm.AES, 128))))
                .as("XOR needs every part").isInstanceOf(dev.donjon.server.domain.DomainException.InvalidInput.class);
    }
}
