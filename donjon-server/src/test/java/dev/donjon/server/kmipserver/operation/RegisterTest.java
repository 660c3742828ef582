package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.SecretDataType;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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

    /** A managed object structure around a Key Block of the given format and material. */
    static Ttlv.Structure keyBlock(Tag object, KeyFormatType format, byte[] material) {
        return new Ttlv.Structure(object, block(format, material));
    }

    static Ttlv.Structure block(KeyFormatType format, byte[] material) {
        return new Ttlv.Structure(Tag.KEY_BLOCK, new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, format),
                new Ttlv.Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, material)));
    }
}
