package dev.donjon.kmip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Attributes are one model, written as 1.x Template-Attribute or 2.x Attributes")
class AttributeCodecTest {

    private static final Attributes KEY = Attributes.symmetricKey(CryptographicAlgorithm.AES, 256,
                    CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT)
            .with(Attribute.name("backup-key"))
            .with(new Attribute(new AttributeName.Vendor("x", "ID"), Optional.empty(), new Ttlv.TextItem(Tag.ATTRIBUTE_VALUE, "tape-7")));

    @Test
    void v1WritesNamedAttributesInATemplateAttribute() {
        Structure v1 = AttributeCodec.write(AttributeCodec.Group.TEMPLATE, KEY, ProtocolVersion.V1_4);
        assertThat(v1.tag()).isEqualTo(Tag.TEMPLATE_ATTRIBUTE.code());
        assertThat(v1.children().getFirst()).isEqualTo(new Structure(Tag.ATTRIBUTE,
                new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, "Cryptographic Algorithm"),
                new Ttlv.EnumerationItem(Tag.ATTRIBUTE_VALUE, CryptographicAlgorithm.AES)));
        assertThat(((Structure) v1.children().getLast()).find(Tag.ATTRIBUTE_NAME)).contains(new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, "x-ID"));
    }

    @Test
    void v2WritesTaggedAttributesInAnAttributesStructure() {
        Structure v2 = AttributeCodec.write(AttributeCodec.Group.TEMPLATE, KEY, ProtocolVersion.V2_1);
        assertThat(v2.tag()).isEqualTo(Tag.ATTRIBUTES.code());
        assertThat(v2.children().getFirst()).isEqualTo(new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES));
        assertThat(v2.children().getLast()).isEqualTo(new Structure(Tag.ATTRIBUTE, new Ttlv.TextItem(Tag.VENDOR_IDENTIFICATION, "x"),
                new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, "ID"), new Ttlv.TextItem(Tag.ATTRIBUTE_VALUE, "tape-7")));
    }

    @Test
    void aCreateReadIn14WritesAs21AndBackUnchanged() throws KmipMessageException {
        for (ProtocolVersion from : List.of(ProtocolVersion.V1_4, ProtocolVersion.V2_1)) {
            ProtocolVersion to = from == ProtocolVersion.V1_4 ? ProtocolVersion.V2_1 : ProtocolVersion.V1_4;
            Structure original = new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, KEY).toTtlv(from);
            RequestPayload converted = RequestPayload.fromTtlv(Operation.CREATE, original, from).orElseThrow();
            Structure other = converted.toTtlv(to);
            assertThat(other).isNotEqualTo(original);
            assertThat(RequestPayload.fromTtlv(Operation.CREATE, other, to).orElseThrow().toTtlv(from)).isEqualTo(original);
            assertThat(((RequestPayload.Create) converted).attributes()).isEqualTo(KEY);
        }
    }

    @Test
    void theAttributeIndexOf1xSurvivesA1xRoundTrip() throws KmipMessageException {
        Structure indexed = new Structure(Tag.ATTRIBUTE, new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, "Name"), new Ttlv.IntegerItem(Tag.ATTRIBUTE_INDEX, 1),
                new Structure(Tag.ATTRIBUTE_VALUE, new Ttlv.TextItem(Tag.NAME_VALUE, "n")));
        Attribute read = AttributeCodec.readV1(indexed);
        assertThat(read.index()).contains(1);
        assertThat(read.value().tag()).isEqualTo(Tag.NAME.code());
        assertThat(AttributeCodec.writeV1(read)).isEqualTo(indexed);
    }

    @Test
    void getAttributesSelectsByNameIn1xAndByReferenceIn2x() throws KmipMessageException {
        RequestPayload.GetAttributes request = new RequestPayload.GetAttributes(Optional.of("7"),
                List.of(AttributeName.of(Tag.STATE), new AttributeName.Vendor("x", "ID")));
        assertThat(request.toTtlv(ProtocolVersion.V1_4).children()).containsExactly(new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, "7"),
                new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, "State"), new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, "x-ID"));
        assertThat(request.toTtlv(ProtocolVersion.V2_1).children()).containsExactly(new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, "7"),
                new Ttlv.EnumerationItem(Tag.ATTRIBUTE_REFERENCE, Tag.STATE.code()),
                new Structure(Tag.ATTRIBUTE_REFERENCE, new Ttlv.TextItem(Tag.VENDOR_IDENTIFICATION, "x"), new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, "ID")));
        for (ProtocolVersion version : List.of(ProtocolVersion.V1_4, ProtocolVersion.V2_1)) {
            assertThat(RequestPayload.fromTtlv(request.operation(), request.toTtlv(version), version)).contains(request);
        }
    }

    @Test
    void namesMapBothWays() throws KmipMessageException {
        assertThat(AttributeCodec.fromV1Name("Cryptographic Usage Mask")).isEqualTo(AttributeName.of(Tag.CRYPTOGRAPHIC_USAGE_MASK));
        assertThat(AttributeCodec.fromV1Name("X.509 Certificate Subject")).isEqualTo(AttributeName.of(Tag.X_509_CERTIFICATE_SUBJECT));
        assertThat(AttributeCodec.v1Name(AttributeName.of(Tag.PKCS_12_FRIENDLY_NAME))).contains("PKCS#12 Friendly Name");
        assertThat(AttributeCodec.fromV1Name("y-serial")).isEqualTo(new AttributeName.Vendor("y", "serial"));
        assertThat(catchThrowableOfType(KmipMessageException.class, () -> AttributeCodec.fromV1Name("Colour")).reason())
                .isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void anAttributeOneVersionLacksCannotBeWrittenInIt() {
        Attribute policy = new Attribute(Tag.OPERATION_POLICY_NAME, new Ttlv.TextItem(Tag.OPERATION_POLICY_NAME, "default"));
        assertThatThrownBy(() -> AttributeCodec.writeV2(policy)).isInstanceOf(IllegalArgumentException.class);
        Attribute protection = new Attribute(Tag.PROTECTION_LEVEL, new Ttlv.EnumerationItem(Tag.PROTECTION_LEVEL, 1));
        assertThatThrownBy(() -> AttributeCodec.writeV1(protection)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a1xTemplateAttributeNamesTemplatesBeforeItsAttributes() throws KmipMessageException {
        Attributes referring = KEY.withTemplates("aes-policy", "tape-policy");
        Structure v1 = AttributeCodec.write(AttributeCodec.Group.TEMPLATE, referring, ProtocolVersion.V1_2);
        assertThat(v1.children().subList(0, 2)).extracting(Ttlv::tag).containsOnly(Tag.NAME.code());
        assertThat(v1.children().getFirst()).isEqualTo(new Structure(Tag.NAME, new Ttlv.TextItem(Tag.NAME_VALUE, "aes-policy"),
                new Ttlv.EnumerationItem(Tag.NAME_TYPE, dev.donjon.kmip.enums.NameType.UNINTERPRETED_TEXT_STRING)));
        assertThat(AttributeCodec.read(AttributeCodec.Group.TEMPLATE, v1, ProtocolVersion.V1_2)).isEqualTo(referring);
        // A Name without its type, as some clients send it, names the template too.
        Structure bare = new Structure(Tag.TEMPLATE_ATTRIBUTE, new Structure(Tag.NAME, new Ttlv.TextItem(Tag.NAME_VALUE, "t")));
        assertThat(AttributeCodec.read(AttributeCodec.Group.TEMPLATE, bare, ProtocolVersion.V1_0).templates()).containsExactly("t");
    }

    @Test
    void requestPayloadsKeepTheTemplatesTheirGroupsName() throws KmipMessageException {
        RequestPayload.CreateKeyPair pair = new RequestPayload.CreateKeyPair(Optional.of(Attributes.EMPTY.withTemplates("rsa")),
                Optional.of(KEY.withTemplates("signing")), Optional.empty());
        assertThat(RequestPayload.fromTtlv(Operation.CREATE_KEY_PAIR, pair.toTtlv(ProtocolVersion.V1_0), ProtocolVersion.V1_0))
                .contains(pair);
    }

    @Test
    void kmip2HasNoTemplatesToReferTo() {
        assertThatThrownBy(() -> AttributeCodec.write(AttributeCodec.Group.TEMPLATE, KEY.withTemplates("t"), ProtocolVersion.V2_0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
