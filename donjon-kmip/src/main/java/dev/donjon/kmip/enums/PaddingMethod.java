package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Padding Method enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum PaddingMethod implements KmipEnum {
    NONE(0x00000001, "None"),
    OAEP(0x00000002, "OAEP"),
    PKCS5(0x00000003, "PKCS5"),
    SSL3(0x00000004, "SSL3"),
    ZEROS(0x00000005, "Zeros"),
    ANSI_X9_23(0x00000006, "ANSIX9_23"),
    ISO_10126(0x00000007, "ISO10126"),
    PKCS1_V1_5(0x00000008, "PKCS1V1_5"),
    X9_31(0x00000009, "X9_31"),
    PSS(0x0000000A, "PSS");

    private static final KmipEnumIndex<PaddingMethod> INDEX = KmipEnumIndex.of(PaddingMethod.class);

    private final int code;
    private final String specName;

    PaddingMethod(int code, String specName) {
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

    public static Optional<PaddingMethod> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<PaddingMethod> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<PaddingMethod> index() {
        return INDEX;
    }
}
