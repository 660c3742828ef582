package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.EncodingOption;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.WrappingMethod;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class GetTest extends OperationTest {

    @Test
    void servesTheKeyMaterialRawAndTransparentAndTheKeyIsNoLongerFresh() {
        String id = aesKey(128, CryptographicUsageMask.ENCRYPT);

        ResponsePayload.Get raw = serve(new RequestPayload.Get(id), ResponsePayload.Get.class);
        assertThat(raw.objectType()).isEqualTo(ObjectType.SYMMETRIC_KEY);
        assertThat(raw.uniqueIdentifier()).isEqualTo(id);
        Ttlv.Structure keyBlock = raw.managedObject().find(Tag.KEY_BLOCK, Ttlv.Structure.class).orElseThrow();
        assertThat(keyBlock.find(Tag.KEY_FORMAT_TYPE)).contains(new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE,
                KeyFormatType.RAW));
        byte[] material = material(raw);
        assertThat(material).hasSize(16);
        assertThat(attribute(id, Tag.FRESH)).containsExactly(new Ttlv.BooleanItem(Tag.FRESH, false));

        ResponsePayload.Get transparent = serve(new RequestPayload.Get(Optional.of(id),
                Optional.of(KeyFormatType.TRANSPARENT_SYMMETRIC_KEY), Optional.empty(), Optional.empty(),
                Optional.empty()), ResponsePayload.Get.class);
        Ttlv.Structure transparentMaterial = transparent.managedObject().find(Tag.KEY_BLOCK, Ttlv.Structure.class)
                .orElseThrow().find(Tag.KEY_VALUE, Ttlv.Structure.class).orElseThrow()
                .find(Tag.KEY_MATERIAL, Ttlv.Structure.class).orElseThrow();
        assertThat(transparentMaterial.find(Tag.KEY, Ttlv.BytesItem.class).orElseThrow().value()).isEqualTo(material);
    }

    @Test
    void anEcPrivateKeyTravelsAsRfc5915EcPrivateKeyAndAsPkcs8() throws Exception {
        String generated = ecPair().privateKeyUniqueIdentifier();
        byte[] pkcs8 = material(serve(get(generated, KeyFormatType.PKCS_8), ResponsePayload.Get.class));
        byte[] ecPrivateKey = material(serve(get(generated, KeyFormatType.ECPRIVATEKEY), ResponsePayload.Get.class));

        // RFC 5915: version 1, the private key, and the curve named (outside PKCS#8 nothing else names it).
        org.bouncycastle.asn1.sec.ECPrivateKey parsed = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
                ecPrivateKey);
        assertThat(parsed.getParametersObject()).isEqualTo(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1);

        // Registered as ECPrivateKey, it is served back so by default and converts to the same PKCS#8.
        String registered = serve(new RequestPayload.Register(ObjectType.PRIVATE_KEY, Attributes.EMPTY
                .withEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.EC)
                .withInteger(Tag.CRYPTOGRAPHIC_LENGTH, 256), RegisterTest.keyBlock(Tag.PRIVATE_KEY,
                KeyFormatType.ECPRIVATEKEY, ecPrivateKey)), ResponsePayload.Register.class).uniqueIdentifier();
        ResponsePayload.Get asRegistered = serve(new RequestPayload.Get(registered), ResponsePayload.Get.class);
        assertThat(asRegistered.managedObject().find(Tag.KEY_BLOCK, Ttlv.Structure.class).orElseThrow()
                .find(Tag.KEY_FORMAT_TYPE)).contains(new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE,
                KeyFormatType.ECPRIVATEKEY));
        assertThat(material(asRegistered)).isEqualTo(ecPrivateKey);
        assertThat(scalar(material(serve(get(registered, KeyFormatType.PKCS_8), ResponsePayload.Get.class))))
                .isEqualTo(scalar(pkcs8)).isEqualTo(parsed.getKey());
    }

    @Test
    void anRsaPrivateKeyHasNoEcPrivateKeyForm() {
        String rsa = serve(new RequestPayload.CreateKeyPair(
                Optional.of(Attributes.EMPTY.withEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA)
                        .withInteger(Tag.CRYPTOGRAPHIC_LENGTH, 2048)), Optional.empty(), Optional.empty()),
                ResponsePayload.CreateKeyPair.class).privateKeyUniqueIdentifier();
        assertThat(reason(get(rsa, KeyFormatType.ECPRIVATEKEY))).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
    }

    /** The private scalar of a PKCS#8 EC key. */
    private static java.math.BigInteger scalar(byte[] pkcs8) throws java.io.IOException {
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pkcs8);
        assertThat(info.getPrivateKeyAlgorithm().getParameters())
                .isEqualTo(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1);
        return org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
    }

    private static RequestPayload.Get get(String id, KeyFormatType format) {
        return new RequestPayload.Get(Optional.of(id), Optional.of(format), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The Raw key material of a Get answer. */
    static byte[] material(ResponsePayload.Get got) {
        return got.managedObject().find(Tag.KEY_BLOCK, Ttlv.Structure.class).orElseThrow()
                .find(Tag.KEY_VALUE, Ttlv.Structure.class).orElseThrow()
                .find(Tag.KEY_MATERIAL, Ttlv.BytesItem.class).orElseThrow().value();
    }

    @Test
    void anUnknownObjectIsNotFound() {
        assertThat(refusal(new RequestPayload.Get(UUID.randomUUID().toString())))
                .isInstanceOf(DomainException.NotFound.class);
    }

    @Test
    void aKeyWrappedWithoutEncodingIsRefusedToA10ClientWhichCannotBeToldSo() {
        String unencoded = registerWrapped(Optional.of(EncodingOption.NO_ENCODING));
        String encoded = registerWrapped(Optional.empty());

        Throwable refused = refusal(context(ProtocolVersion.V1_0), new RequestPayload.Get(unencoded));
        assertThat(refused).isInstanceOfSatisfying(KmipError.class, e -> {
            assertThat(e.reason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
            assertThat(e).hasMessageContaining("No Encoding").hasMessageContaining("KMIP 1.1 or later");
        });
        // 1.1 defines Encoding Option, and a TTLV-encoded wrapped Key Value means in 1.0 what it means later.
        assertThat(serve(context(ProtocolVersion.V1_1), new RequestPayload.Get(unencoded), ResponsePayload.Get.class)
                .managedObject().find(Tag.KEY_BLOCK, Ttlv.Structure.class).orElseThrow()
                .find(Tag.KEY_WRAPPING_DATA, Ttlv.Structure.class).orElseThrow().find(Tag.ENCODING_OPTION))
                .contains(new Ttlv.EnumerationItem(Tag.ENCODING_OPTION, EncodingOption.NO_ENCODING));
        assertThat(serve(context(ProtocolVersion.V1_0), new RequestPayload.Get(encoded), ResponsePayload.Get.class)
                .managedObject().find(Tag.KEY_BLOCK, Ttlv.Structure.class).orElseThrow()
                .find(Tag.KEY_VALUE)).get().isInstanceOf(Ttlv.BytesItem.class);
    }

    /** A wrapped AES key as a client registers it; No Encoding leaves the Key Value structure around the bytes. */
    private String registerWrapped(Optional<EncodingOption> encoding) {
        byte[] wrapped = new byte[24];
        java.util.Arrays.fill(wrapped, (byte) 0x5C);
        java.util.List<Ttlv> wrapping = new java.util.ArrayList<>(java.util.List.of(
                new Ttlv.EnumerationItem(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT),
                new Ttlv.Structure(Tag.ENCRYPTION_KEY_INFORMATION, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, "42"))));
        encoding.ifPresent(e -> wrapping.add(new Ttlv.EnumerationItem(Tag.ENCODING_OPTION, e)));
        Ttlv keyValue = encoding.isPresent() ? new Ttlv.Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL,
                wrapped)) : new Ttlv.BytesItem(Tag.KEY_VALUE, wrapped);
        Ttlv.Structure key = new Ttlv.Structure(Tag.SYMMETRIC_KEY, new Ttlv.Structure(Tag.KEY_BLOCK,
                new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW), keyValue,
                new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, 128), new Ttlv.Structure(Tag.KEY_WRAPPING_DATA, wrapping)));
        return serve(new RequestPayload.Register(ObjectType.SYMMETRIC_KEY, Attributes.EMPTY.withInteger(
                Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.ENCRYPT.code()), key),
                ResponsePayload.Register.class).uniqueIdentifier();
    }
}
