package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeCodec;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates (KMIP 1.0–1.4 §2.2.6, §2.1.8): registered, located and got like any object, and applied to the objects
 * Create, Create Key Pair and Register make when their Template-Attribute names them, the request's own attributes
 * winning over the template's single-instance ones; KMIP 2.x, which removed them, refuses both.
 */
class TemplatesTest extends OperationTest {

    private static Structure template(Attribute... attributes) {
        return new Structure(Tag.TEMPLATE, List.of(attributes).stream().map(AttributeCodec::writeV1).map(Ttlv.class::cast).toList());
    }

    private static Attribute usage(CryptographicUsageMask... usage) {
        int mask = 0;
        for (CryptographicUsageMask bit : usage) {
            mask |= bit.code();
        }
        return new Attribute(Tag.CRYPTOGRAPHIC_USAGE_MASK, new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask));
    }

    private static Attribute algorithm(CryptographicAlgorithm algorithm) {
        return new Attribute(Tag.CRYPTOGRAPHIC_ALGORITHM, new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, algorithm));
    }

    private static Attribute length(int bits) {
        return new Attribute(Tag.CRYPTOGRAPHIC_LENGTH, new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, bits));
    }

    private static Attribute group(String group) {
        return new Attribute(Tag.OBJECT_GROUP, new Ttlv.TextItem(Tag.OBJECT_GROUP, group));
    }

    private String register(OperationContext context, String name, Structure template) {
        return serve(context, new RequestPayload.Register(ObjectType.TEMPLATE, Attributes.of(name(name)), template),
                ResponsePayload.Register.class).uniqueIdentifier();
    }

    private List<Ttlv> attribute(OperationContext context, String id, Tag tag) {
        return serve(context, new RequestPayload.GetAttributes(Optional.of(id), List.of(new AttributeName.Standard(tag))),
                ResponsePayload.GetAttributes.class).attributes().all(tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.1", "1.2", "1.3", "1.4"})
    void aRegisteredTemplateIsLocatedGotAndGivesCreateItsAttributes(String version) {
        OperationContext context = context(new ProtocolVersion(1, Integer.parseInt(version.substring(2))));
        String name = unique("aes-template");
        Structure body = template(algorithm(CryptographicAlgorithm.AES), length(128),
                usage(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT), group("from-template"));
        String id = register(context, name, body);

        assertThat(serve(context, new RequestPayload.Locate(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Attributes.of(name(name)).with(Tag.OBJECT_TYPE,
                        new Ttlv.EnumerationItem(Tag.OBJECT_TYPE, ObjectType.TEMPLATE))), ResponsePayload.Locate.class)
                .uniqueIdentifiers()).containsExactly(id);
        ResponsePayload.Get got = serve(context, new RequestPayload.Get(Optional.of(id), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), ResponsePayload.Get.class);
        assertThat(got.objectType()).isEqualTo(ObjectType.TEMPLATE);
        assertThat(got.managedObject()).isEqualTo(body);

        // The explicit length wins over the template's; the multi-instance Object Group takes both values.
        String key = serve(context, new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.of(length(256),
                group("explicit")).withTemplates(name)), ResponsePayload.Create.class).uniqueIdentifier();
        assertThat(attribute(context, key, Tag.CRYPTOGRAPHIC_ALGORITHM))
                .containsExactly(new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES));
        assertThat(attribute(context, key, Tag.CRYPTOGRAPHIC_LENGTH)).containsExactly(new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, 256));
        assertThat(attribute(context, key, Tag.CRYPTOGRAPHIC_USAGE_MASK)).containsExactly(new Ttlv.IntegerItem(
                Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.ENCRYPT.code() | CryptographicUsageMask.DECRYPT.code()));
        assertThat(attribute(context, key, Tag.OBJECT_GROUP)).extracting(v -> ((Ttlv.TextItem) v).value())
                .containsExactlyInAnyOrder("explicit", "from-template");
        assertThat(attribute(context, key, Tag.NAME)).as("the template's own Name stays its own").isEmpty();
    }

    @Test
    void aLaterTemplateWinsOverAnEarlierOneAndKeyPairHalvesOverTheCommonGroup() {
        OperationContext context = context(ProtocolVersion.V1_2);
        String rsa = unique("rsa"), signing = unique("signing"), verifying = unique("verifying");
        register(context, rsa, template(algorithm(CryptographicAlgorithm.RSA), length(1024),
                usage(CryptographicUsageMask.ENCRYPT)));
        register(context, signing, template(length(2048), usage(CryptographicUsageMask.SIGN)));
        register(context, verifying, template(usage(CryptographicUsageMask.VERIFY)));

        ResponsePayload.CreateKeyPair pair = serve(context, new RequestPayload.CreateKeyPair(
                Optional.of(Attributes.EMPTY.withTemplates(rsa, signing)),
                Optional.of(Attributes.EMPTY.withTemplates(signing)),
                Optional.of(Attributes.EMPTY.withTemplates(verifying))), ResponsePayload.CreateKeyPair.class);
        assertThat(attribute(context, pair.privateKeyUniqueIdentifier(), Tag.CRYPTOGRAPHIC_LENGTH))
                .containsExactly(new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, 2048));
        assertThat(attribute(context, pair.privateKeyUniqueIdentifier(), Tag.CRYPTOGRAPHIC_USAGE_MASK))
                .containsExactly(new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.SIGN.code()));
        assertThat(attribute(context, pair.publicKeyUniqueIdentifier(), Tag.CRYPTOGRAPHIC_USAGE_MASK))
                .containsExactly(new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.VERIFY.code()));
    }

    @Test
    void registerTakesATemplatesAttributesToo() {
        OperationContext context = context(ProtocolVersion.V1_1);
        String name = unique("secret-template");
        register(context, name, template(group("vault"), usage(CryptographicUsageMask.DERIVE_KEY)));
        String id = serve(context, new RequestPayload.Register(ObjectType.SECRET_DATA, Attributes.EMPTY.withTemplates(name),
                new Structure(Tag.SECRET_DATA, new Ttlv.EnumerationItem(Tag.SECRET_DATA_TYPE, 1),
                        new Structure(Tag.KEY_BLOCK, new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, 2),
                                new Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, new byte[16]))))),
                ResponsePayload.Register.class).uniqueIdentifier();
        assertThat(attribute(context, id, Tag.OBJECT_GROUP)).containsExactly(new Ttlv.TextItem(Tag.OBJECT_GROUP, "vault"));
    }

    @Test
    void refusals() {
        OperationContext v12 = context(ProtocolVersion.V1_2);
        assertThat(reason(v12, new RequestPayload.Create(ObjectType.SYMMETRIC_KEY,
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128).withTemplates(unique("absent")))))
                .as("no such template").isEqualTo(ResultReason.ITEM_NOT_FOUND);
        assertThat(reason(v12, new RequestPayload.Register(ObjectType.TEMPLATE, Attributes.of(name(unique("t"))),
                template(new Attribute(Tag.STATE, new Ttlv.EnumerationItem(Tag.STATE, 1))))))
                .as("an attribute only the server sets").isEqualTo(ResultReason.INVALID_FIELD);
        String name = unique("t");
        String id = register(v12, name, template(algorithm(CryptographicAlgorithm.AES)));
        serve(v12, new RequestPayload.Activate(Optional.of(id)), ResponsePayload.Activate.class);
        assertThat(reason(v12, new RequestPayload.Encrypt(Optional.of(id), Optional.empty(), Optional.of(new byte[16]),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .as("a template is no key").isEqualTo(ResultReason.INVALID_OBJECT_TYPE);

        // KMIP 2.0 removed templates: the Object Type value is reserved and no Attributes structure names one.
        OperationContext v20 = context(ProtocolVersion.V2_0);
        assertThat(reason(v20, new RequestPayload.Register(ObjectType.TEMPLATE, Attributes.of(name(unique("t"))),
                template(algorithm(CryptographicAlgorithm.AES))))).isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(reason(v20, new RequestPayload.Create(ObjectType.SYMMETRIC_KEY,
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128).withTemplates(name))))
                .isEqualTo(ResultReason.INVALID_FIELD);
    }
}
