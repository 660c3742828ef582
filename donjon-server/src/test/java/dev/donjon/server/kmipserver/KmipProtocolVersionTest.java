package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.EncodingOption;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.QueryFunction;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.SplitKeyMethod;
import dev.donjon.kmip.enums.WrappingMethod;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.VersionTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.donjon.server.kmipserver.Kmip.enumeration;
import static dev.donjon.server.kmipserver.Kmip.integer;
import static dev.donjon.server.kmipserver.Kmip.uid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer speaks the request's protocol version: at each version from 1.0 to 2.1 a key's whole life (Create,
 * Get Attributes of all attributes, Get, Activate, AES-GCM Encrypt, Query) and a Split Key's Register, Get and Get
 * Attributes are answered without any tag, field,
 * attribute or enumeration value that version does not define (the library's VersionTable), and the items each
 * version introduced appear from that version on. So are wrapped keys (one registered wrapped, one wrapped by Get's
 * Key Wrapping Specification: Key Wrapping Data at every version) and EC keys (Get in every EC format the version
 * defines, a newer format refused), made by a newer client and read by each version.
 */
class KmipProtocolVersionTest extends KmipServerFixture {
    private static final List<ProtocolVersion> VERSIONS = List.of(ProtocolVersion.V1_0, ProtocolVersion.V1_1,
            ProtocolVersion.V1_2, ProtocolVersion.V1_3, ProtocolVersion.V1_4, ProtocolVersion.V2_0,
            ProtocolVersion.V2_1);

    @Test
    void noAnswerCarriesAnItemNewerThanItsVersion() throws Exception {
        for (ProtocolVersion version : VERSIONS) {
            try (KmipConnection kmip = connect().version(version.major(), version.minor())) {
                Structure created = kmip.ok(create(version));
                String id = Kmip.text(created, Tag.UNIQUE_IDENTIFIER);
                List<Structure> answers = new ArrayList<>(List.of(created,
                        kmip.ok(Operation.GET_ATTRIBUTES, uid(id)), kmip.ok(Operation.GET, uid(id)),
                        kmip.ok(Operation.ACTIVATE, uid(id)),
                        kmip.ok(Operation.QUERY, enumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_OPERATIONS),
                                enumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_OBJECTS))));
                if (version.compareTo(ProtocolVersion.V1_2) >= 0) {
                    answers.add(kmip.ok(Operation.ENCRYPT, uid(id), gcm(), Kmip.bytes(Tag.DATA, new byte[20]),
                            Kmip.bytes(Tag.IV_COUNTER_NONCE, new byte[12])));
                }
                String split = Kmip.text(kmip.ok(registerSplitKey(version)), Tag.UNIQUE_IDENTIFIER);
                answers.add(kmip.ok(Operation.GET, uid(split)));
                answers.add(kmip.ok(Operation.GET_ATTRIBUTES, uid(split)));
                for (Structure answer : answers) {
                    assertThat(VersionTable.defines(answer, version))
                            .as("%s answer %s", version, answer).isTrue();
                }
            }
        }
    }

    @Test
    void wrappedAndEcKeysAreAnsweredInEveryVersionsTerms() throws Exception {
        String kek;
        String plain;
        String wrapped;
        String ecPrivate;
        String ecPublic;
        try (KmipConnection kmip = connect()) {
            kek = Kmip.createAes(kmip, 256, Kmip.usageMask(CryptographicUsageMask.WRAP_KEY.code()));
            kmip.ok(Operation.ACTIVATE, uid(kek));
            plain = Kmip.createAes(kmip, 128);
            wrapped = Kmip.text(kmip.ok(registerWrapped(kek)), Tag.UNIQUE_IDENTIFIER);
            Structure pair = kmip.ok(Operation.CREATE_KEY_PAIR, Kmip.structure(Tag.COMMON_TEMPLATE_ATTRIBUTE,
                            Kmip.attribute("Cryptographic Algorithm", enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM,
                                    CryptographicAlgorithm.EC)),
                            Kmip.attribute("Cryptographic Length", integer(Tag.CRYPTOGRAPHIC_LENGTH, 256))),
                    Kmip.structure(Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE, Kmip.usageMask(CryptographicUsageMask.SIGN.code())),
                    Kmip.structure(Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE, Kmip.usageMask(CryptographicUsageMask.VERIFY.code())));
            ecPrivate = Kmip.text(pair, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
            ecPublic = Kmip.text(pair, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
        }
        for (ProtocolVersion version : VERSIONS) {
            try (KmipConnection kmip = connect().version(version.major(), version.minor())) {
                List<Structure> answers = new ArrayList<>();
                Structure registeredWrapped = kmip.ok(Operation.GET, uid(wrapped));
                assertThat(keyBlock(registeredWrapped).find(Tag.KEY_WRAPPING_DATA)).as("at %s", version).isPresent();
                answers.add(registeredWrapped);
                answers.add(kmip.ok(Operation.GET_ATTRIBUTES, uid(wrapped)));
                Structure wrappedByGet = kmip.ok(Operation.GET, uid(plain), Kmip.structure(
                        Tag.KEY_WRAPPING_SPECIFICATION, enumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT),
                        Kmip.structure(Tag.ENCRYPTION_KEY_INFORMATION, uid(kek))));
                assertThat(keyBlock(wrappedByGet).find(Tag.KEY_WRAPPING_DATA)).as("at %s", version).isPresent();
                answers.add(wrappedByGet);

                answers.add(kmip.ok(Operation.GET, uid(ecPrivate)));
                answers.add(kmip.ok(Operation.GET, uid(ecPublic)));
                answers.add(kmip.ok(Operation.GET_ATTRIBUTES, uid(ecPrivate)));
                answers.add(kmip.ok(Operation.GET_ATTRIBUTES, uid(ecPublic)));
                List<KeyFormatType> formats = new ArrayList<>(List.of(KeyFormatType.PKCS_8, KeyFormatType.ECPRIVATEKEY));
                List<KeyFormatType> publicFormats = new ArrayList<>(List.of(KeyFormatType.X_509));
                boolean transparentEc = version.compareTo(ProtocolVersion.V1_3) >= 0;
                if (transparentEc) {
                    formats.add(KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY);
                    publicFormats.add(KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY);
                } else {
                    // Transparent EC keys are 1.3's (Key Format Type 0x14, 0x15): an older client cannot be answered so.
                    assertThat(KmipConnection.reason(kmip.call(Operation.GET, uid(ecPrivate),
                            enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY))))
                            .as("at %s", version).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
                }
                for (KeyFormatType format : formats) {
                    answers.add(got(kmip, ecPrivate, format, version));
                }
                for (KeyFormatType format : publicFormats) {
                    answers.add(got(kmip, ecPublic, format, version));
                }
                for (Structure answer : answers) {
                    assertThat(VersionTable.defines(answer, version)).as("%s answer %s", version, answer).isTrue();
                }
            }
        }
    }

    /** Get in {@code format}, which the answer's Key Block must state. */
    private static Structure got(KmipConnection kmip, String id, KeyFormatType format, ProtocolVersion version)
            throws Exception {
        Structure answer = kmip.ok(Operation.GET, uid(id), enumeration(Tag.KEY_FORMAT_TYPE, format));
        assertThat(keyBlock(answer).find(Tag.KEY_FORMAT_TYPE)).as("%s at %s", format, version)
                .contains(enumeration(Tag.KEY_FORMAT_TYPE, format));
        return answer;
    }

    private static Structure keyBlock(Structure getAnswer) {
        Structure object = getAnswer.children().stream().filter(Structure.class::isInstance).map(Structure.class::cast)
                .findFirst().orElseThrow();
        return object.find(Tag.KEY_BLOCK, Structure.class).orElseThrow();
    }

    /**
     * A symmetric key registered wrapped (1.4 §2.1.5) by a 1.4 client: its Key Value the wrapped bytes, with Key
     * Wrapping Data naming the wrapping key and the 1.1 Encoding Option.
     */
    private static KmipConnection.Item registerWrapped(String kek) {
        return KmipConnection.item(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                new Structure(Tag.TEMPLATE_ATTRIBUTE, List.of()),
                new Structure(Tag.SYMMETRIC_KEY, new Structure(Tag.KEY_BLOCK,
                        enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
                        Kmip.bytes(Tag.KEY_VALUE, new byte[40]),
                        enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                        integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
                        new Structure(Tag.KEY_WRAPPING_DATA, enumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT),
                                Kmip.structure(Tag.ENCRYPTION_KEY_INFORMATION, uid(kek),
                                        Kmip.structure(Tag.CRYPTOGRAPHIC_PARAMETERS, enumeration(Tag.BLOCK_CIPHER_MODE,
                                                BlockCipherMode.NISTKEYWRAP))),
                                enumeration(Tag.ENCODING_OPTION, EncodingOption.TTLV_ENCODING)))));
    }

    @Test
    void eachAttributeAppearsFromTheVersionThatIntroducedIt() throws Exception {
        assertThat(attributeNames(ProtocolVersion.V1_0)).doesNotContain("Fresh", "Original Creation Date",
                "Random Number Generator", "Sensitive", "Extractable", "Always Sensitive", "Never Extractable");
        assertThat(attributeNames(ProtocolVersion.V1_1)).contains("Fresh").doesNotContain("Original Creation Date",
                "Random Number Generator", "Sensitive");
        assertThat(attributeNames(ProtocolVersion.V1_2)).contains("Fresh", "Original Creation Date")
                .doesNotContain("Random Number Generator", "Sensitive");
        assertThat(attributeNames(ProtocolVersion.V1_3)).contains("Random Number Generator")
                .doesNotContain("Sensitive", "Extractable", "Always Sensitive", "Never Extractable");
        assertThat(attributeNames(ProtocolVersion.V1_4)).contains("Fresh", "Original Creation Date",
                "Random Number Generator", "Sensitive", "Extractable", "Always Sensitive", "Never Extractable");
    }

    @Test
    void theDigestHasAKeyFormatTypeFrom11() throws Exception {
        for (ProtocolVersion version : List.of(ProtocolVersion.V1_0, ProtocolVersion.V1_1)) {
            try (KmipConnection kmip = connect().version(version.major(), version.minor())) {
                String id = Kmip.text(kmip.ok(create(version)), Tag.UNIQUE_IDENTIFIER);
                Structure digest = (Structure) Kmip.attributeOf(kmip, id, "Digest");
                assertThat(digest.find(Tag.KEY_FORMAT_TYPE)).as("at %s", version)
                        .matches(found -> found.isPresent() == version.equals(ProtocolVersion.V1_1));
            }
        }
    }

    @Test
    void anEncryptAnswerCarriesItsTagFrom14() throws Exception {
        for (ProtocolVersion version : List.of(ProtocolVersion.V1_3, ProtocolVersion.V1_4)) {
            try (KmipConnection kmip = connect().version(version.major(), version.minor())) {
                String id = Kmip.text(kmip.ok(create(version)), Tag.UNIQUE_IDENTIFIER);
                kmip.ok(Operation.ACTIVATE, uid(id));
                Structure encrypted = kmip.ok(Operation.ENCRYPT, uid(id), gcm(), Kmip.bytes(Tag.DATA, new byte[20]),
                        Kmip.bytes(Tag.IV_COUNTER_NONCE, new byte[12]));
                assertThat(encrypted.find(Tag.AUTHENTICATED_ENCRYPTION_TAG)).as("at %s", version)
                        .matches(found -> found.isPresent() == version.equals(ProtocolVersion.V1_4));
            }
        }
    }

    private List<String> attributeNames(ProtocolVersion version) throws Exception {
        try (KmipConnection kmip = connect().version(version.major(), version.minor())) {
            String id = Kmip.text(kmip.ok(create(version)), Tag.UNIQUE_IDENTIFIER);
            return kmip.ok(Operation.GET_ATTRIBUTES, uid(id)).findAll(Tag.ATTRIBUTE).stream()
                    .map(attribute -> Kmip.text((Structure) attribute, Tag.ATTRIBUTE_NAME)).toList();
        }
    }

    private static Structure gcm() {
        return Kmip.structure(Tag.CRYPTOGRAPHIC_PARAMETERS, enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.GCM),
                integer(Tag.TAG_LENGTH, 16));
    }

    /** A Split Key part (KMIP 1.0 on), registered with no attributes in the version's request form. */
    private static KmipConnection.Item registerSplitKey(ProtocolVersion version) {
        return KmipConnection.item(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.SPLIT_KEY),
                new Structure(version.usesTaggedAttributes() ? Tag.ATTRIBUTES : Tag.TEMPLATE_ATTRIBUTE, List.of()),
                new Structure(Tag.SPLIT_KEY, integer(Tag.SPLIT_KEY_PARTS, 2), integer(Tag.KEY_PART_IDENTIFIER, 1),
                        integer(Tag.SPLIT_KEY_THRESHOLD, 2), enumeration(Tag.SPLIT_KEY_METHOD, SplitKeyMethod.XOR),
                        new Structure(Tag.KEY_BLOCK, enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
                                new Structure(Tag.KEY_VALUE, Kmip.bytes(Tag.KEY_MATERIAL, new byte[16])),
                                enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                                integer(Tag.CRYPTOGRAPHIC_LENGTH, 128))));
    }

    /** An AES-256 key for Encrypt and Decrypt, in the version's request form (Template-Attribute or Attributes). */
    private static KmipConnection.Item create(ProtocolVersion version) {
        if (!version.usesTaggedAttributes()) {
            return Kmip.createAes(256, Kmip.usageMask(Kmip.ENCRYPT_DECRYPT));
        }
        return KmipConnection.item(Operation.CREATE, enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
                new Structure(Tag.ATTRIBUTES, new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM,
                        CryptographicAlgorithm.AES), integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
                        integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, Kmip.ENCRYPT_DECRYPT)));
    }
}
