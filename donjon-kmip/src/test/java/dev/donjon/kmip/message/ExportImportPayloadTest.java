package dev.donjon.kmip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Export and Import in their two encodings: KMIP 1.4 (§4.40 Tables 251–252, §4.41 Tables 253–254) carries the
 * attributes as bare Attribute structures and Import has no Object Type field; 2.x (§6.1.18, §6.1.25) names the
 * Object Type and holds the attributes in one Attributes structure.
 */
class ExportImportPayloadTest {
    private static final String ID = "7b2c5f54-58a9-4c5c-9a0a-2f4d8c7e1a11";
    private static final Attributes ATTRIBUTES = Attributes.symmetricKey(CryptographicAlgorithm.AES, 128)
            .with(Attribute.name("exported"));
    private static final Structure KEY = new Structure(Tag.SYMMETRIC_KEY, new Structure(Tag.KEY_BLOCK,
            new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
            new Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, new byte[16])),
            new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
            new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, 128)));

    private static List<Integer> tags(Structure payload) {
        return payload.children().stream().map(Ttlv::tag).toList();
    }

    @Test
    void importIn14HasNoObjectTypeAndBareAttributesAndReadsBackTheSame() throws KmipMessageException {
        RequestPayload.Import request = new RequestPayload.Import(ID, ObjectType.SYMMETRIC_KEY, Optional.of(true),
                Optional.empty(), ATTRIBUTES, KEY);
        Structure v14 = request.toTtlv(ProtocolVersion.V1_4);
        assertThat(tags(v14)).doesNotContain(Tag.OBJECT_TYPE.code(), Tag.ATTRIBUTES.code(), Tag.TEMPLATE_ATTRIBUTE.code())
                .contains(Tag.ATTRIBUTE.code());
        assertThat(v14.findAll(Tag.ATTRIBUTE)).hasSize(ATTRIBUTES.list().size());
        assertThat(RequestPayload.fromTtlv(Operation.IMPORT, v14, ProtocolVersion.V1_4)).contains(request);

        Structure v21 = request.toTtlv(ProtocolVersion.V2_1);
        assertThat(tags(v21)).contains(Tag.OBJECT_TYPE.code(), Tag.ATTRIBUTES.code()).doesNotContain(Tag.ATTRIBUTE.code());
        assertThat(RequestPayload.fromTtlv(Operation.IMPORT, v21, ProtocolVersion.V2_1)).contains(request);
    }

    @Test
    void importWhoseObjectTypeIsNotTheObjectCarriedOrWithoutAttributesIsAnInvalidField() {
        Structure mismatched = new RequestPayload.Import(ID, ObjectType.SECRET_DATA, Optional.empty(), Optional.empty(),
                ATTRIBUTES, KEY).toTtlv(ProtocolVersion.V2_1);
        assertThat(catchThrowableOfType(KmipMessageException.class,
                () -> RequestPayload.fromTtlv(Operation.IMPORT, mismatched, ProtocolVersion.V2_1)).reason())
                .isEqualTo(ResultReason.INVALID_FIELD);
        Structure bare = new RequestPayload.Import(ID, ObjectType.SYMMETRIC_KEY, Optional.empty(), Optional.empty(),
                Attributes.EMPTY, KEY).toTtlv(ProtocolVersion.V1_4);
        assertThat(catchThrowableOfType(KmipMessageException.class,
                () -> RequestPayload.fromTtlv(Operation.IMPORT, bare, ProtocolVersion.V1_4)).reason())
                .isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void exportAnswerIn14CarriesBareAttributesAndIn21AnAttributesStructure() throws KmipMessageException {
        ResponsePayload.Export answer = new ResponsePayload.Export(ObjectType.SYMMETRIC_KEY, ID, ATTRIBUTES, Optional.of(KEY));
        Structure v14 = answer.toTtlv(ProtocolVersion.V1_4);
        assertThat(tags(v14)).startsWith(Tag.OBJECT_TYPE.code(), Tag.UNIQUE_IDENTIFIER.code(), Tag.ATTRIBUTE.code())
                .doesNotContain(Tag.ATTRIBUTES.code(), Tag.TEMPLATE_ATTRIBUTE.code()).endsWith(Tag.SYMMETRIC_KEY.code());
        assertThat(ResponsePayload.fromTtlv(Operation.EXPORT, v14, ProtocolVersion.V1_4)).contains(answer);

        Structure v21 = answer.toTtlv(ProtocolVersion.V2_1);
        assertThat(tags(v21)).containsExactly(Tag.OBJECT_TYPE.code(), Tag.UNIQUE_IDENTIFIER.code(), Tag.ATTRIBUTES.code(),
                Tag.SYMMETRIC_KEY.code());
        assertThat(ResponsePayload.fromTtlv(Operation.EXPORT, v21, ProtocolVersion.V2_1)).contains(answer);
    }
}
