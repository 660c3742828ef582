package dev.donjon.kmip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.ResultReason;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Fields' structure reads check item types and enumeration values and refuse with a Result Reason")
class FieldsTest {

    private static final Structure PARAMETERS = new Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
            new Ttlv.EnumerationItem(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.GCM),
            new Ttlv.IntegerItem(Tag.TAG_LENGTH, 16),
            new Ttlv.BooleanItem(Tag.RANDOM_IV, true),
            new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, "k-1"),
            new Ttlv.BytesItem(Tag.IV_COUNTER_NONCE, new byte[] {1, 2, 3}),
            new Ttlv.DateTimeExtendedItem(Tag.ACTIVATION_DATE, 1_700_000_000_000_001L));

    @Test
    void readsEachItemTypeAndAnAbsentFieldAsEmpty() {
        assertThat(Fields.enumeration(PARAMETERS, Tag.BLOCK_CIPHER_MODE, BlockCipherMode.index())).contains(BlockCipherMode.GCM);
        assertThat(Fields.integer(PARAMETERS, Tag.TAG_LENGTH)).contains(16);
        assertThat(Fields.bool(PARAMETERS, Tag.RANDOM_IV)).contains(true);
        assertThat(Fields.text(PARAMETERS, Tag.UNIQUE_IDENTIFIER)).contains("k-1");
        assertThat(Fields.requiredBytes(PARAMETERS, Tag.IV_COUNTER_NONCE)).containsExactly(1, 2, 3);
        assertThat(Fields.dateTime(PARAMETERS, Tag.ACTIVATION_DATE)).contains(Instant.ofEpochSecond(1_700_000_000L, 1_000L));
        assertThat(Fields.integer(PARAMETERS, Tag.KEY_ROLE_TYPE)).isEmpty();
        assertThat(Fields.structure(PARAMETERS, Tag.KEY_BLOCK)).isEmpty();
    }

    @Test
    void anAbsentRequiredFieldIsMissingData() {
        KmipFieldException e = catchThrowableOfType(KmipFieldException.class,
                () -> Fields.requiredStructure(PARAMETERS, Tag.KEY_BLOCK));
        assertThat(e.reason()).isEqualTo(ResultReason.MISSING_DATA);
        assertThat(e).hasMessage("KeyBlock is required");
    }

    @Test
    void aFieldOfTheWrongItemTypeIsAnInvalidField() {
        KmipFieldException e = catchThrowableOfType(KmipFieldException.class,
                () -> Fields.text(PARAMETERS, Tag.TAG_LENGTH));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(e.getMessage()).startsWith("TagLength has the wrong item type");
        assertThat(catchThrowableOfType(KmipFieldException.class, () -> Fields.dateTime(PARAMETERS, Tag.TAG_LENGTH)))
                .hasMessage("TagLength must be a Date-Time");
    }

    @Test
    void anUnknownEnumerationValueIsAnInvalidField() {
        Structure unknown = new Structure(Tag.CRYPTOGRAPHIC_PARAMETERS, new Ttlv.EnumerationItem(Tag.BLOCK_CIPHER_MODE, 0x7777));
        KmipFieldException e = catchThrowableOfType(KmipFieldException.class,
                () -> Fields.enumeration(unknown, Tag.BLOCK_CIPHER_MODE, BlockCipherMode.index()));
        assertThat(e.reason()).isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(e).hasMessage("BlockCipherMode 0x00007777 is not a known value");
    }
}
