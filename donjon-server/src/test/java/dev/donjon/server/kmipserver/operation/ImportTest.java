package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ImportTest extends OperationTest {

    private static RequestPayload.Import importing(String id, boolean replace, byte[] key) {
        return new RequestPayload.Import(id, ObjectType.SYMMETRIC_KEY, Optional.of(replace), Optional.empty(),
                Attributes.EMPTY.withEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)
                        .withEnumeration(Tag.STATE, State.ACTIVE),
                RegisterTest.keyBlock(Tag.SYMMETRIC_KEY, KeyFormatType.RAW, key));
    }

    @Test
    void keepsTheClientsIdentifierAndStateAndReplacesOnlyWhenAsked() {
        String id = UUID.randomUUID().toString();
        byte[] first = new byte[16];
        byte[] second = new byte[16];
        second[0] = 1;

        assertThat(serve(importing(id, false, first), ResponsePayload.Import.class).uniqueIdentifier()).isEqualTo(id);
        assertThat(state(id)).isEqualTo(State.ACTIVE);
        assertThat(reason(importing(id, false, second))).isEqualTo(ResultReason.OBJECT_ALREADY_EXISTS);

        serve(importing(id, true, second), ResponsePayload.Import.class);
        assertThat(GetTest.material(serve(new RequestPayload.Get(id), ResponsePayload.Get.class))).isEqualTo(second);
        assertThat(attribute(id, Tag.CRYPTOGRAPHIC_LENGTH)).containsExactly(new Ttlv.IntegerItem(
                Tag.CRYPTOGRAPHIC_LENGTH, 128));
    }

    @Test
    void donjonIdentifiersAreUuids() {
        assertThat(reason(importing("not-a-uuid", false, new byte[16]))).isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void keepsTheInitialAndLastChangeDatesItCameWith() {
        String id = UUID.randomUUID().toString();
        java.time.Instant initial = java.time.Instant.parse("2024-03-01T10:15:30Z");
        java.time.Instant changed = java.time.Instant.parse("2025-06-02T08:00:00Z");
        serve(new RequestPayload.Import(id, ObjectType.SYMMETRIC_KEY, Optional.of(false), Optional.empty(),
                Attributes.EMPTY.withEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)
                        .withEnumeration(Tag.STATE, State.ACTIVE)
                        .with(Tag.INITIAL_DATE, new Ttlv.DateTimeItem(Tag.INITIAL_DATE, initial))
                        .with(Tag.LAST_CHANGE_DATE, new Ttlv.DateTimeItem(Tag.LAST_CHANGE_DATE, changed)),
                RegisterTest.keyBlock(Tag.SYMMETRIC_KEY, KeyFormatType.RAW, new byte[16])),
                ResponsePayload.Import.class);

        assertThat(attribute(id, Tag.INITIAL_DATE)).containsExactly(new Ttlv.DateTimeItem(Tag.INITIAL_DATE, initial));
        assertThat(attribute(id, Tag.LAST_CHANGE_DATE)).containsExactly(new Ttlv.DateTimeItem(Tag.LAST_CHANGE_DATE,
                changed));
        // Locate by Initial Date finds it at the date it came with.
        assertThat(serve(RequestPayload.Locate.byAttributes(Attributes.EMPTY.with(Tag.INITIAL_DATE,
                new Ttlv.DateTimeItem(Tag.INITIAL_DATE, initial))), ResponsePayload.Locate.class)
                .uniqueIdentifiers()).contains(id);
    }

    @Test
    void at14TheRequestInThe14EncodingImportsAsIn21() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] key = new byte[16];
        key[15] = 7;
        dev.donjon.kmip.message.ProtocolVersion v14 = dev.donjon.kmip.message.ProtocolVersion.V1_4;
        // 1.4 §4.41: no Object Type field (the Symmetric Key says it), the attributes as bare Attribute structures.
        Ttlv.Structure wire = importing(id, false, key).toTtlv(v14);
        assertThat(wire.find(Tag.OBJECT_TYPE)).isEmpty();
        RequestPayload decoded = RequestPayload.fromTtlv(dev.donjon.kmip.enums.Operation.IMPORT, wire, v14).orElseThrow();

        assertThat(serve(context(v14), decoded, ResponsePayload.Import.class).uniqueIdentifier()).isEqualTo(id);
        assertThat(state(id)).isEqualTo(State.ACTIVE);
        assertThat(GetTest.material(serve(new RequestPayload.Get(id), ResponsePayload.Get.class))).isEqualTo(key);
    }
}
