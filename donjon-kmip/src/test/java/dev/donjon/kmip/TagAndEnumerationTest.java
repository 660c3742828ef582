package dev.donjon.kmip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.EnumRegistry;
import dev.donjon.kmip.enums.HashingAlgorithm;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Tags, item types and enumerations follow the KMIP specification tables")
class TagAndEnumerationTest {

    @Test
    void tagsAreFoundByCodeAndBySpecName() {
        assertThat(Tag.UNIQUE_IDENTIFIER.code()).isEqualTo(0x420094);
        assertThat(Tag.UNIQUE_IDENTIFIER.specName()).isEqualTo("UniqueIdentifier");
        assertThat(Tag.fromCode(0x420094)).contains(Tag.UNIQUE_IDENTIFIER);
        assertThat(Tag.fromSpecName("UniqueIdentifier")).contains(Tag.UNIQUE_IDENTIFIER);
        assertThat(Tag.fromCode(0x540001)).isEmpty();
        assertThat(Tag.isExtension(0x540001)).isTrue();
    }

    @Test
    void theTableCoversKmip1And2() {
        assertThat(Tag.TEMPLATE_ATTRIBUTE.code()).as("1.x only").isEqualTo(0x420091);
        assertThat(Tag.ATTRIBUTES.code()).as("2.0").isEqualTo(0x420125);
        assertThat(Tag.PROTECTION_STORAGE_MASK.code()).as("2.0").isEqualTo(0x42015E);
        assertThat(Tag.values()).hasSizeGreaterThan(360)
                .allSatisfy(tag -> assertThat(Tag.isValidCode(tag.code())).isTrue());
        assertThat(Arrays.stream(Tag.values()).map(Tag::specName)).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Unique Identifier | UniqueIdentifier",
            "Template-Attribute | TemplateAttribute",
            "IV/Counter/Nonce | IVCounterNonce",
            "PKCS#11 Function | PKCS_11Function",
            "X.509 Certificate Identifier | X_509CertificateIdentifier",
            "Re-key Key Pair | ReKeyKeyPair",
            "HMAC-SHA256 | HMAC_SHA256",
            "ANSI X9.31 | ANSIX9_31",
            "Polynomial Sharing GF (216) | PolynomialSharingGF216"})
    void specNamesAreNormalizedAsTheProfilesSay(String specText, String normalized) {
        assertThat(SpecNames.normalize(specText)).isEqualTo(normalized);
    }

    @Test
    void attributeNamesOfKmip1LeadToTheirTags() {
        assertThat(Tag.fromAttributeName("Cryptographic Usage Mask")).contains(Tag.CRYPTOGRAPHIC_USAGE_MASK);
        assertThat(Tag.fromAttributeName("x-vendor-attribute")).isEmpty();
    }

    @Test
    void enumerationsCarryTheirSpecCodesAndNames() {
        assertThat(ObjectType.SYMMETRIC_KEY.code()).isEqualTo(2);
        assertThat(ObjectType.SYMMETRIC_KEY.specName()).isEqualTo("SymmetricKey");
        assertThat(ObjectType.fromCode(6)).as("Template, kept from 1.x").contains(ObjectType.TEMPLATE);
        assertThat(Operation.fromSpecName("ReKeyKeyPair")).contains(Operation.RE_KEY_KEY_PAIR);
        assertThat(CryptographicAlgorithm.fromSpecName("DES3")).contains(CryptographicAlgorithm.DES3);
        assertThat(ResultReason.fromCode(0x100).map(ResultReason::specName)).contains("GeneralFailure");
        assertThat(CryptographicUsageMask.DECRYPT.code()).isEqualTo(8);
        assertThat(ItemType.fromCode(0x0B)).contains(ItemType.DATE_TIME_EXTENDED);
    }

    @Test
    void theRegistryMapsEnumerationTagsToTheirEnums() {
        assertThat(EnumRegistry.enumerationOf(Tag.OBJECT_TYPE).<Class<?>>map(KmipEnumIndex::type)).contains(ObjectType.class);
        assertThat(EnumRegistry.enumerationOf(Tag.MASK_GENERATOR_HASHING_ALGORITHM).<Class<?>>map(KmipEnumIndex::type))
                .contains(HashingAlgorithm.class);
        assertThat(EnumRegistry.enumerationOf(Tag.ATTRIBUTE_REFERENCE).<Class<?>>map(KmipEnumIndex::type)).contains(Tag.class);
        assertThat(EnumRegistry.maskOf(Tag.CRYPTOGRAPHIC_USAGE_MASK).<Class<?>>map(KmipEnumIndex::type)).contains(CryptographicUsageMask.class);
        assertThat(EnumRegistry.enumerationOf(Tag.UNIQUE_BATCH_ITEM_ID)).isEmpty();
    }
}
