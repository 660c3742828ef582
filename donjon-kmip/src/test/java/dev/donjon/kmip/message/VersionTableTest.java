package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTableTest {
    private static Structure v1Attribute(String name, Ttlv value) {
        return new Structure(Tag.ATTRIBUTE, new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, name),
                value.withTag(Tag.ATTRIBUTE_VALUE.code()));
    }

    @Test
    void eachTagBelongsToTheVersionWhoseTableAddedIt() {
        assertThat(VersionTable.introduced(Tag.UNIQUE_IDENTIFIER.code())).contains(ProtocolVersion.V1_0);
        assertThat(VersionTable.introduced(Tag.FRESH.code())).contains(ProtocolVersion.V1_1);
        assertThat(VersionTable.introduced(Tag.ORIGINAL_CREATION_DATE.code())).contains(ProtocolVersion.V1_2);
        assertThat(VersionTable.introduced(Tag.RANDOM_NUMBER_GENERATOR.code())).contains(ProtocolVersion.V1_3);
        assertThat(VersionTable.introduced(Tag.AUTHENTICATED_ENCRYPTION_TAG.code())).contains(ProtocolVersion.V1_4);
        assertThat(VersionTable.introduced(Tag.SENSITIVE.code())).contains(ProtocolVersion.V1_4);
        assertThat(VersionTable.introduced(Tag.NEVER_EXTRACTABLE.code())).contains(ProtocolVersion.V1_4);
        assertThat(VersionTable.introduced(Tag.ATTRIBUTES.code())).contains(ProtocolVersion.V2_0);
        assertThat(VersionTable.introduced(Tag.OBJECT_GROUPS.code())).contains(ProtocolVersion.V2_1);
        assertThat(VersionTable.introduced(0x540001)).isEmpty();
    }

    @Test
    void attributesNewerThanTheVersionLeaveA1xAnswer() {
        Structure payload = new Structure(Tag.RESPONSE_PAYLOAD,
                new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, "1"),
                v1Attribute("Fresh", new Ttlv.BooleanItem(Tag.FRESH, true)),
                v1Attribute("Original Creation Date", new Ttlv.DateTimeItem(Tag.ORIGINAL_CREATION_DATE,
                        java.time.Instant.EPOCH)),
                v1Attribute("Random Number Generator", new Structure(Tag.RANDOM_NUMBER_GENERATOR)),
                v1Attribute("Sensitive", new Ttlv.BooleanItem(Tag.SENSITIVE, false)),
                v1Attribute("Always Sensitive", new Ttlv.BooleanItem(Tag.ALWAYS_SENSITIVE, false)),
                v1Attribute("Extractable", new Ttlv.BooleanItem(Tag.EXTRACTABLE, true)),
                v1Attribute("Never Extractable", new Ttlv.BooleanItem(Tag.NEVER_EXTRACTABLE, false)));

        assertThat(names(payload, ProtocolVersion.V1_0)).isEmpty();
        assertThat(names(payload, ProtocolVersion.V1_1)).containsExactly("Fresh");
        assertThat(names(payload, ProtocolVersion.V1_2)).containsExactly("Fresh", "Original Creation Date");
        assertThat(names(payload, ProtocolVersion.V1_3))
                .containsExactly("Fresh", "Original Creation Date", "Random Number Generator");
        assertThat(names(payload, ProtocolVersion.V1_4)).hasSize(7);
        assertThat(VersionTable.defines(payload, ProtocolVersion.V1_4)).isTrue();
        assertThat(VersionTable.defines(payload, ProtocolVersion.V1_3)).isFalse();
    }

    @Test
    void theDigestHasAKeyFormatTypeFrom11AsAFieldAndAsAnAttributeValue() {
        Structure digest = new Structure(Tag.DIGEST,
                new Ttlv.EnumerationItem(Tag.HASHING_ALGORITHM, 4),
                new Ttlv.BytesItem(Tag.DIGEST_VALUE, new byte[32]),
                new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW));
        Structure atTen = (Structure) VersionTable.restrict(digest, ProtocolVersion.V1_0).orElseThrow();
        assertThat(atTen.find(Tag.KEY_FORMAT_TYPE)).isEmpty();
        assertThat(atTen.children()).hasSize(2);
        assertThat(VersionTable.restrict(digest, ProtocolVersion.V1_1)).contains(digest);

        Structure attribute = v1Attribute("Digest", digest);
        Structure restricted = (Structure) VersionTable.restrict(attribute, ProtocolVersion.V1_0).orElseThrow();
        assertThat(restricted.find(Tag.ATTRIBUTE_VALUE, Structure.class).orElseThrow().find(Tag.KEY_FORMAT_TYPE))
                .isEmpty();
    }

    @Test
    void algorithmsModesAndHashesBelongToTheVersionThatAddedThem() {
        int algorithm = Tag.CRYPTOGRAPHIC_ALGORITHM.code();
        assertThat(VersionTable.introduced(algorithm, dev.donjon.kmip.enums.CryptographicAlgorithm.ECDSA.code()))
                .isEqualTo(ProtocolVersion.V1_0);
        assertThat(VersionTable.introduced(algorithm, dev.donjon.kmip.enums.CryptographicAlgorithm.EC.code()))
                .isEqualTo(ProtocolVersion.V1_2);
        assertThat(VersionTable.introduced(algorithm, dev.donjon.kmip.enums.CryptographicAlgorithm.CHACHA20.code()))
                .isEqualTo(ProtocolVersion.V1_4);
        assertThat(VersionTable.introduced(Tag.BLOCK_CIPHER_MODE.code(), dev.donjon.kmip.enums.BlockCipherMode.AEAD.code()))
                .isEqualTo(ProtocolVersion.V1_4);
        assertThat(VersionTable.introduced(Tag.HASHING_ALGORITHM.code(), dev.donjon.kmip.enums.HashingAlgorithm.SHA_256.code()))
                .isEqualTo(ProtocolVersion.V1_0);
        // An EC key's Key Block read by a 1.1 client: EC (1.2) is left out, the rest of the block stays.
        Structure keyBlock = new Structure(Tag.KEY_BLOCK,
                new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_8),
                new Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, new byte[8])),
                new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, dev.donjon.kmip.enums.CryptographicAlgorithm.EC));
        assertThat(((Structure) VersionTable.restrict(keyBlock, ProtocolVersion.V1_1).orElseThrow()).children()).hasSize(2);
        assertThat(VersionTable.defines(keyBlock, ProtocolVersion.V1_2)).isTrue();
    }

    @Test
    void enumerationValuesNewerThanTheVersionAreLeftOut() {
        Structure query = new Structure(Tag.RESPONSE_PAYLOAD,
                new Ttlv.EnumerationItem(Tag.OPERATION, Operation.CREATE),
                new Ttlv.EnumerationItem(Tag.OPERATION, Operation.DISCOVER_VERSIONS),
                new Ttlv.EnumerationItem(Tag.OPERATION, Operation.ENCRYPT),
                new Ttlv.EnumerationItem(Tag.OPERATION, Operation.EXPORT),
                new Ttlv.EnumerationItem(Tag.OPERATION, Operation.SET_ATTRIBUTE));
        assertThat(((Structure) VersionTable.restrict(query, ProtocolVersion.V1_0).orElseThrow()).children())
                .hasSize(1);
        assertThat(((Structure) VersionTable.restrict(query, ProtocolVersion.V1_2).orElseThrow()).children())
                .hasSize(3);
        assertThat(((Structure) VersionTable.restrict(query, ProtocolVersion.V1_4).orElseThrow()).children())
                .hasSize(4);
        assertThat(VersionTable.restrict(query, ProtocolVersion.V2_1)).contains(query);
        assertThat(VersionTable.introduced(Tag.KEY_FORMAT_TYPE.code(), KeyFormatType.PKCS_12.code()))
                .isEqualTo(ProtocolVersion.V1_4);
    }

    @Test
    void aBatchItemKeepsTheOperationTheClientSentEvenWhenItsVersionLacksIt() {
        Structure item = new Structure(Tag.BATCH_ITEM, new Ttlv.EnumerationItem(Tag.OPERATION, Operation.ENCRYPT),
                new Ttlv.EnumerationItem(Tag.RESULT_STATUS, 1), new Ttlv.EnumerationItem(Tag.RESULT_REASON, 5));
        assertThat(VersionTable.restrict(item, ProtocolVersion.V1_1)).contains(item);
    }

    @Test
    void anEncryptAnswerHasNoAuthenticatedEncryptionTagBefore14() {
        Structure payload = new Structure(Tag.RESPONSE_PAYLOAD, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, "1"),
                new Ttlv.BytesItem(Tag.DATA, new byte[16]),
                new Ttlv.BytesItem(Tag.AUTHENTICATED_ENCRYPTION_TAG, new byte[16]));
        assertThat(((Structure) VersionTable.restrict(payload, ProtocolVersion.V1_3).orElseThrow())
                .find(Tag.AUTHENTICATED_ENCRYPTION_TAG)).isEmpty();
        assertThat(VersionTable.restrict(payload, ProtocolVersion.V1_4)).contains(payload);
    }

    private static java.util.List<String> names(Structure payload, ProtocolVersion version) {
        return ((Structure) VersionTable.restrict(payload, version).orElseThrow()).findAll(Tag.ATTRIBUTE).stream()
                .map(a -> ((Structure) a).find(Tag.ATTRIBUTE_NAME, Ttlv.TextItem.class).orElseThrow().value())
                .toList();
    }

    private static Structure failure(ResultReason reason) {
        return new Structure(Tag.BATCH_ITEM, new Ttlv.EnumerationItem(Tag.OPERATION, Operation.GET),
                new Ttlv.EnumerationItem(Tag.RESULT_STATUS, ResultStatus.OPERATION_FAILED),
                new Ttlv.EnumerationItem(Tag.RESULT_REASON, reason),
                new Ttlv.TextItem(Tag.RESULT_MESSAGE, "what was wrong"));
    }

    private static int reasonAt(ResultReason reason, ProtocolVersion version) {
        Structure restricted = (Structure) VersionTable.restrict(failure(reason), version).orElseThrow();
        assertThat(restricted.children()).hasSize(4);
        return restricted.children().stream().filter(child -> child.tag() == Tag.RESULT_REASON.code())
                .map(child -> ((Ttlv.EnumerationItem) child).value()).findFirst().orElseThrow();
    }

    @Test
    void aFailureKeepsAReasonItsVersionDefines() {
        assertThat(VersionTable.introduced(Tag.RESULT_REASON.code(), ResultReason.GENERAL_FAILURE.code()))
                .isEqualTo(ProtocolVersion.V1_0);
        assertThat(VersionTable.introduced(Tag.RESULT_REASON.code(), ResultReason.ENCODING_OPTION_ERROR.code()))
                .isEqualTo(ProtocolVersion.V1_1);
        assertThat(VersionTable.introduced(Tag.RESULT_REASON.code(), ResultReason.SENSITIVE.code()))
                .isEqualTo(ProtocolVersion.V1_4);
        assertThat(VersionTable.introduced(Tag.RESULT_REASON.code(), ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED.code()))
                .isEqualTo(ProtocolVersion.V2_0);

        assertThat(reasonAt(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, ProtocolVersion.V1_4))
                .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED.code());
        assertThat(reasonAt(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, ProtocolVersion.V2_0))
                .isEqualTo(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED.code());
        assertThat(reasonAt(ResultReason.OBJECT_NOT_FOUND, ProtocolVersion.V1_0))
                .isEqualTo(ResultReason.ITEM_NOT_FOUND.code());
        assertThat(reasonAt(ResultReason.SENSITIVE, ProtocolVersion.V1_3))
                .isEqualTo(ResultReason.PERMISSION_DENIED.code());
        assertThat(reasonAt(ResultReason.SENSITIVE, ProtocolVersion.V1_4)).isEqualTo(ResultReason.SENSITIVE.code());
        assertThat(reasonAt(ResultReason.ENCODING_OPTION_ERROR, ProtocolVersion.V1_0))
                .isEqualTo(ResultReason.INVALID_FIELD.code());
        assertThat(reasonAt(ResultReason.GENERAL_FAILURE, ProtocolVersion.V1_0))
                .isEqualTo(ResultReason.GENERAL_FAILURE.code());
        assertThat(reasonAt(ResultReason.PROTECTION_STORAGE_UNAVAILABLE, ProtocolVersion.V1_2))
                .isEqualTo(ResultReason.GENERAL_FAILURE.code());
    }
}
