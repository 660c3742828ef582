package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Hashing Algorithm enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum HashingAlgorithm implements KmipEnum {
    MD2(0x00000001, "MD2"),
    MD4(0x00000002, "MD4"),
    MD5(0x00000003, "MD5"),
    SHA_1(0x00000004, "SHA_1"),
    SHA_224(0x00000005, "SHA_224"),
    SHA_256(0x00000006, "SHA_256"),
    SHA_384(0x00000007, "SHA_384"),
    SHA_512(0x00000008, "SHA_512"),
    RIPEMD_160(0x00000009, "RIPEMD_160"),
    TIGER(0x0000000A, "Tiger"),
    WHIRLPOOL(0x0000000B, "Whirlpool"),
    SHA_512_224(0x0000000C, "SHA_512_224"),
    SHA_512_256(0x0000000D, "SHA_512_256"),
    SHA3_224(0x0000000E, "SHA3_224"),
    SHA3_256(0x0000000F, "SHA3_256"),
    SHA3_384(0x00000010, "SHA3_384"),
    SHA3_512(0x00000011, "SHA3_512");

    private static final KmipEnumIndex<HashingAlgorithm> INDEX = KmipEnumIndex.of(HashingAlgorithm.class);

    private final int code;
    private final String specName;

    HashingAlgorithm(int code, String specName) {
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

    public static Optional<HashingAlgorithm> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<HashingAlgorithm> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<HashingAlgorithm> index() {
        return INDEX;
    }
}
