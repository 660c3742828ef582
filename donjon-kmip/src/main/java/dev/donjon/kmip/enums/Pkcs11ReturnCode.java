package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * PKCS#11 Return Code enumeration (KMIP 2.1 §11.39): the {@code CK_RV} value without its
 * {@code CKR_} prefix, as the test vectors write it ("OK"). Only common codes are named; any other
 * code travels as hex.
 */
public enum Pkcs11ReturnCode implements KmipEnum {
    OK(0x00000000, "OK"),
    CANCEL(0x00000001, "CANCEL"),
    HOST_MEMORY(0x00000002, "HOST_MEMORY"),
    SLOT_ID_INVALID(0x00000003, "SLOT_ID_INVALID"),
    GENERAL_ERROR(0x00000005, "GENERAL_ERROR"),
    FUNCTION_FAILED(0x00000006, "FUNCTION_FAILED"),
    ARGUMENTS_BAD(0x00000007, "ARGUMENTS_BAD"),
    FUNCTION_NOT_SUPPORTED(0x00000054, "FUNCTION_NOT_SUPPORTED"),
    CRYPTOKI_NOT_INITIALIZED(0x00000190, "CRYPTOKI_NOT_INITIALIZED"),
    CRYPTOKI_ALREADY_INITIALIZED(0x00000191, "CRYPTOKI_ALREADY_INITIALIZED");

    private static final KmipEnumIndex<Pkcs11ReturnCode> INDEX = KmipEnumIndex.of(Pkcs11ReturnCode.class);

    private final int code;
    private final String specName;

    Pkcs11ReturnCode(int code, String specName) {
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

    public static Optional<Pkcs11ReturnCode> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<Pkcs11ReturnCode> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<Pkcs11ReturnCode> index() {
        return INDEX;
    }
}
