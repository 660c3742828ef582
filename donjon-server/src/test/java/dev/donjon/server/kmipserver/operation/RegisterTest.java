package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.EncodingOption;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.SecretDataType;
import dev.donjon.kmip.enums.SplitKeyMethod;
import dev.donjon.kmip.enums.WrappingMethod;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RegisterTest extends OperationTest {

    @Test
    void aSymmetricKeyComesBackAsRegisteredWithItsLengthFromTheMaterial() {
        byte[] key = new byte[24];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        String id = serve(new RequestPayload.Register(ObjectType.SYMMETRIC_KEY, Attributes.EMPTY
                .withEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                keyBlock(Tag.SYMMETRIC_KEY, KeyFormatType.RAW, key)), ResponsePayload.Register.class).uniqueIdentifier();

        assertThat(GetTest.material(serve(new RequestPayload.Get(id), ResponsePayload.Get.class))).isEqualTo(key);
        assertThat(attribute(id, Tag.CRYPTOGRAPHIC_LENGTH)).containsExactly(new Ttlv.IntegerItem(
                Tag.CRYPTOGRAPHIC_LENGTH, 192));
        // Registered, not generated: no Random Number Generator attribute, but a digest of what was registered.
        assertThat(attribute(id, Tag.RANDOM_NUMBER_GENERATOR)).isEmpty();
        assertThat(attribute(id, Tag.DIGEST)).hasSize(1);
    }

    @Test
    void secretDataIsAPassphraseAndItsObjectMustMatchTheObjectType() {
        Ttlv.Structure secretData = new Ttlv.Structure(Tag.SECRET_DATA,
                new Ttlv.EnumerationItem(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD),
                block(KeyFormatType.OPAQUE, "hunter2".getBytes(StandardCharsets.UTF_8)));

        assertThat(serve(new RequestPayload.Register(ObjectType.SECRET_DATA, Attributes.EMPTY, secretData),
                ResponsePayload.Register.class).uniqueIdentifier()).isNotBlank();
        assertThat(reason(new RequestPayload.Register(ObjectType.SYMMETRIC_KEY, Attributes.EMPTY, secretData)))
                .isEqualTo(ResultReason.MISSING_DATA);
    }

    @Test
    void aSplitKeyComesBackWithItsPartsAndIsNoUsableKey() {
        byte[] part = new byte[16];
        for (int i = 0; i < part.length; i++) {
            part[i] = (byte) (0xA0 + i);
        }
        Ttlv.Structure splitKey = new Ttlv.Structure(Tag.SPLIT_KEY,
                new Ttlv.IntegerItem(Tag.SPLIT_KEY_PARTS, 3), new Ttlv.IntegerItem(Tag.KEY_PART_IDENTIFIER, 1),
                new Ttlv.IntegerItem(Tag.SPLIT_KEY_THRESHOLD, 2),
                new Ttlv.EnumerationItem(Tag.SPLIT_KEY_METHOD, SplitKeyMethod.XOR),
                aesBlock(part));
        String id = serve(new RequestPayload.Register(ObjectType.SPLIT_KEY, Attributes.EMPTY.withInteger(
                Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.ENCRYPT.code()), splitKey),
                ResponsePayload.Register.class).uniqueIdentifier();

        ResponsePayload.Get got = serve(new RequestPayload.Get(id), ResponsePayload.Get.class);
        assertThat(got.objectType()).isEqualTo(ObjectType.SPLIT_KEY);
        assertThat(got.managedObject()).isEqualTo(splitKey);
        assertThat(attribute(id, Tag.OBJECT_TYPE)).containsExactly(new Ttlv.EnumerationItem(Tag.OBJECT_TYPE,
                ObjectType.SPLIT_KEY));
        assertThat(attribute(id, Tag.CRYPTOGRAPHIC_LENGTH)).containsExactly(new Ttlv.IntegerItem(
                Tag.CRYPTOGRAPHIC_LENGTH, 128));
        // A part is no key: Encrypt refuses it even when the part is Active and its mask permits encryption.
        serve(new RequestPayload.Activate(Optional.of(id)), ResponsePayload.Activate.class);
        assertThat(reason(RequestPayload.Encrypt.of(id, Optional.empty(), new byte[16],
                Optional.empty()))).isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    }

    @Test
    void aSplitKeyNeedsAThresholdWithinItsPartsAndThePrimeFieldOnlyForPrimeFieldSharing() {
        Ttlv.Structure thresholdAboveParts = new Ttlv.Structure(Tag.SPLIT_KEY,
                new Ttlv.IntegerItem(Tag.SPLIT_KEY_PARTS, 2), new Ttlv.IntegerItem(Tag.KEY_PART_IDENTIFIER, 1),
                new Ttlv.IntegerItem(Tag.SPLIT_KEY_THRESHOLD, 3),
                new Ttlv.EnumerationItem(Tag.SPLIT_KEY_METHOD, SplitKeyMethod.XOR), aesBlock(new byte[16]));
        Ttlv.Structure primeFieldWithoutSize = new Ttlv.Structure(Tag.SPLIT_KEY,
                new Ttlv.IntegerItem(Tag.SPLIT_KEY_PARTS, 3), new Ttlv.IntegerItem(Tag.KEY_PART_IDENTIFIER, 1),
                new Ttlv.IntegerItem(Tag.SPLIT_KEY_THRESHOLD, 2),
                new Ttlv.EnumerationItem(Tag.SPLIT_KEY_METHOD, SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD),
                aesBlock(new byte[16]));

        assertThat(reason(new RequestPayload.Register(ObjectType.SPLIT_KEY, Attributes.EMPTY, thresholdAboveParts)))
                .isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(reason(new RequestPayload.Register(ObjectType.SPLIT_KEY, Attributes.EMPTY,
                primeFieldWithoutSize))).isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void wrappedKeyMaterialIsKeptAsRegisteredWithItsWrappingDataAndUsedForNothing() {
        byte[] wrapped = new byte[24];
        java.util.Arrays.fill(wrapped, (byte) 0x5C);
        Ttlv.Structure wrappingData = new Ttlv.Structure(Tag.KEY_WRAPPING_DATA,
                new Ttlv.EnumerationItem(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT),
                new Ttlv.Structure(Tag.ENCRYPTION_KEY_INFORMATION, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, "42"),
                        new Ttlv.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
                                new Ttlv.EnumerationItem(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.NISTKEYWRAP))),
                new Ttlv.EnumerationItem(Tag.ENCODING_OPTION, EncodingOption.NO_ENCODING));
        Ttlv.Structure key = new Ttlv.Structure(Tag.SYMMETRIC_KEY, new Ttlv.Structure(Tag.KEY_BLOCK,
                new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
                new Ttlv.Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, wrapped)),
                new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, 128), wrappingData));
        String id = serve(new RequestPayload.Register(ObjectType.SYMMETRIC_KEY, Attributes.EMPTY.withInteger(
                Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.ENCRYPT.code()), key),
                ResponsePayload.Register.class).uniqueIdentifier();

        assertThat(serve(new RequestPayload.Get(id), ResponsePayload.Get.class).managedObject()).isEqualTo(key);
        // The wrapping data is part of the object, not an attribute.
        assertThat(serve(new RequestPayload.GetAttributes(Optional.of(id), java.util.List.of()),
                ResponsePayload.GetAttributes.class).attributes().list())
                .noneMatch(a -> a.value().tag() == Tag.KEY_WRAPPING_DATA.code());
        serve(new RequestPayload.Activate(Optional.of(id)), ResponsePayload.Activate.class);
        assertThat(reason(RequestPayload.Encrypt.of(id, Optional.empty(), new byte[16],
                Optional.empty()))).isEqualTo(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED);
    }

    private static Ttlv.Structure aesBlock(byte[] material) {
        return new Ttlv.Structure(Tag.KEY_BLOCK, new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
                new Ttlv.Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, material)),
                new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, 128));
    }

    /** A managed object structure around a Key Block of the given format and material. */
    static Ttlv.Structure keyBlock(Tag object, KeyFormatType format, byte[] material) {
        return new Ttlv.Structure(object, block(format, material));
    }

    static Ttlv.Structure block(KeyFormatType format, byte[] material) {
        return new Ttlv.Structure(Tag.KEY_BLOCK, new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, format),
                new Ttlv.Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, material)));
    }
}
