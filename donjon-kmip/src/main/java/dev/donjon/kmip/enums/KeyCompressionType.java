package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Key Compression Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum KeyCompressionType implements KmipEnum {
    EC_PUBLIC_KEY_TYPE_UNCOMPRESSED(0x00000001, "ECPublicKeyTypeUncompressed"),
    EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_PRIME(0x00000002, "ECPublicKeyTypeX9_62CompressedPrime"),
    EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_CHAR2(0x00000003, "ECPublicKeyTypeX9_62CompressedChar2"),
    EC_PUBLIC_KEY_TYPE_X9_62_HYBRID(0x00000004, "ECPublicKeyTypeX9_62Hybrid");

    private static final KmipEnumIndex<KeyCompressionType> INDEX = KmipEnumIndex.of(KeyCompressionType.class);

    private final int code;
    private final String specName;

    KeyCompressionType(int code, String specName) {
        this.code = code;
        this.specName = specName;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String specName() {
        return specName;
    }

    public static Optional<KeyCompressionType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<KeyCompressionType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<KeyCompressionType> index() {
        return INDEX;
    }
}
