package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
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
}
