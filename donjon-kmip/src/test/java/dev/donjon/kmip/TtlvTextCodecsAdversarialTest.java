package dev.donjon.kmip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.donjon.kmip.Ttlv.EnumerationItem;
import dev.donjon.kmip.Ttlv.IntegerItem;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.Ttlv.TextItem;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TTLV-XML and TTLV-JSON: what they accept and what they refuse")
class TtlvTextCodecsAdversarialTest {

    @Test
    void xmlWithADoctypeIsRefusedSoEntitiesCannotBeExpanded() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <UniqueIdentifier type="TextString" value="&x;"/>
                """;
        assertThatThrownBy(() -> TtlvXml.decode(xxe)).isInstanceOf(TtlvException.class);
    }

    @Test
    void xmlNestingIsBounded() {
        String deep = "<RequestMessage>".repeat(100) + "</RequestMessage>".repeat(100);
        assertThatThrownBy(() -> TtlvXml.decode(deep)).isInstanceOf(TtlvException.class).hasMessageContaining("deeper than 32");
    }

    @Test
    void xmlNamesTagsEnumerationsAndMasksAsTheVectorsDo() throws TtlvException {
        Ttlv item = TtlvXml.decode("""
                <Attribute>
                  <AttributeName type="TextString" value="Cryptographic Usage Mask"/>
                  <AttributeValue type="Integer" value="Encrypt Decrypt"/>
                </Attribute>""");
        assertThat(item).isEqualTo(new Structure(Tag.ATTRIBUTE,
                new TextItem(Tag.ATTRIBUTE_NAME, "Cryptographic Usage Mask"),
                new IntegerItem(Tag.ATTRIBUTE_VALUE, CryptographicUsageMask.ENCRYPT.code() | CryptographicUsageMask.DECRYPT.code())));
        assertThat(TtlvXml.decode("<CryptographicUsageMask type=\"Integer\" value=\"Sign|Verify\"/>"))
                .isEqualTo(new IntegerItem(Tag.CRYPTOGRAPHIC_USAGE_MASK, 3));
        assertThat(TtlvXml.decode("<TTLV tag=\"0x540001\" type=\"Enumeration\" value=\"0x0000002A\"/>"))
                .isEqualTo(new EnumerationItem(0x540001, 42));
        assertThat(TtlvXml.encode(new EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)))
                .isEqualTo("<CryptographicAlgorithm type=\"Enumeration\" value=\"AES\"/>\n");
    }

    @Test
    void xmlRefusesUnknownNamesAndMalformedValues() {
        assertThatThrownBy(() -> TtlvXml.decode("<NoSuchTag type=\"Integer\" value=\"1\"/>"))
                .isInstanceOf(TtlvException.class).hasMessageContaining("unknown tag");
        assertThatThrownBy(() -> TtlvXml.decode("<ObjectType type=\"Enumeration\" value=\"Banana\"/>"))
                .isInstanceOf(TtlvException.class).hasMessageContaining("unknown enumeration value \"Banana\" for ObjectType");
        assertThatThrownBy(() -> TtlvXml.decode("<BatchCount type=\"Integer\" value=\"99999999999\"/>"))
                .isInstanceOf(TtlvException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> TtlvXml.decode("<BatchCount type=\"Integer\"/>"))
                .isInstanceOf(TtlvException.class).hasMessageContaining("no value attribute");
    }

    @Test
    void jsonReadsTheProfileForm() throws TtlvException {
        String json = """
                {"tag":"RequestHeader","value":[
                  {"tag":"BatchCount","type":"Integer","value":1},
                  {"tag":"0x540001","type":"TextString","value":"x"}]}""";
        assertThat(TtlvJson.decode(json)).isEqualTo(new Structure(Tag.REQUEST_HEADER,
                new IntegerItem(Tag.BATCH_COUNT, 1), new TextItem(0x540001, "x")));
    }

    @Test
    void jsonIsStrict() {
        assertThatThrownBy(() -> TtlvJson.decode("{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":1,}"))
                .isInstanceOf(TtlvException.class);
        assertThatThrownBy(() -> TtlvJson.decode("{\"tag\":\"BatchCount\",\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":1}"))
                .isInstanceOf(TtlvException.class).hasMessageContaining("duplicate member");
        assertThatThrownBy(() -> TtlvJson.decode("{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":1.5}"))
                .isInstanceOf(TtlvException.class).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> TtlvJson.decode("{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":1} x"))
                .isInstanceOf(TtlvException.class).hasMessageContaining("content after");
        assertThatThrownBy(() -> TtlvJson.decode("{\"tag\":\"UniqueIdentifier\",\"type\":\"TextString\",\"value\":\"\\ud800\"}"))
                .isInstanceOf(TtlvException.class).hasMessageContaining("lone surrogate");
    }

    @Test
    void jsonNestingIsBoundedBeforeTheTreeIsBuilt() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> TtlvJson.decode(deep)).isInstanceOf(TtlvException.class).hasMessageContaining("deeper than");
    }

    @Test
    void textLimitsApplyToTheWholeDocument() {
        TtlvLimits small = TtlvLimits.ofMaxMessageBytes(64);
        String long64 = "{\"tag\":\"UniqueIdentifier\",\"type\":\"TextString\",\"value\":\"" + "a".repeat(64) + "\"}";
        assertThatThrownBy(() -> TtlvJson.decode(long64, small)).isInstanceOf(TtlvException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> TtlvXml.decode(long64, small)).isInstanceOf(TtlvException.class).hasMessageContaining("exceeds");
    }
}
