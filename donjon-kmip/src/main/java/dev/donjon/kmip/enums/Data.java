package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Data enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum Data implements KmipEnum {
    DECRYPT(0x00000001, "Decrypt"),
    ENCRYPT(0x00000002, "Encrypt"),
    HASH(0x00000003, "Hash"),
    MAC_MAC_DATA(0x00000004, "MACMACData"),
    RNG_RETRIEVE(0x00000005, "RNGRetrieve"),
    SIGN_SIGNATURE_DATA(0x00000006, "SignSignatureData"),
    SIGNATURE_VERIFY(0x00000007, "SignatureVerify");

    private static final KmipEnumIndex<Data> INDEX = KmipEnumIndex.of(Data.class);

    private final int code;
    private final String specName;

    Data(int code, String specName) {
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

    public static Optional<Data> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<Data> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<Data> index() {
        return INDEX;
    }
}
