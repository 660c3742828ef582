package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Block Cipher Mode enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum BlockCipherMode implements KmipEnum {
    CBC(0x00000001, "CBC"),
    ECB(0x00000002, "ECB"),
    PCBC(0x00000003, "PCBC"),
    CFB(0x00000004, "CFB"),
    OFB(0x00000005, "OFB"),
    CTR(0x00000006, "CTR"),
    CMAC(0x00000007, "CMAC"),
    CCM(0x00000008, "CCM"),
    GCM(0x00000009, "GCM"),
    CBC_MAC(0x0000000A, "CBC_MAC"),
    XTS(0x0000000B, "XTS"),
    AESKEYWRAPPADDING(0x0000000C, "AESKeyWrapPadding"),
    NISTKEYWRAP(0x0000000D, "NISTKeyWrap"),
    X9_102_AESKW(0x0000000E, "X9_102AESKW"),
    X9_102_TDKW(0x0000000F, "X9_102TDKW"),
    X9_102_AKW1(0x00000010, "X9_102AKW1"),
    X9_102_AKW2(0x00000011, "X9_102AKW2"),
    AEAD(0x00000012, "AEAD");

    private static final KmipEnumIndex<BlockCipherMode> INDEX = KmipEnumIndex.of(BlockCipherMode.class);

    private final int code;
    private final String specName;

    BlockCipherMode(int code, String specName) {
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

    public static Optional<BlockCipherMode> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<BlockCipherMode> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<BlockCipherMode> index() {
        return INDEX;
    }
}
