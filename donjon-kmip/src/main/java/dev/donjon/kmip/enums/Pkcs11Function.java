package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * PKCS#11 Function enumeration (KMIP 2.1 §11.38): the 1-based position of the function in the
 * PKCS#11 function list ({@code CK_FUNCTION_LIST}); the KMIP spec has no table of its own. Only the
 * PKCS#11 v2.x functions are named; later ones travel as hex codes.
 */
public enum Pkcs11Function implements KmipEnum {
    C_INITIALIZE(1, "C_Initialize"),
    C_FINALIZE(2, "C_Finalize"),
    C_GET_INFO(3, "C_GetInfo"),
    C_GET_FUNCTION_LIST(4, "C_GetFunctionList"),
    C_GET_SLOT_LIST(5, "C_GetSlotList"),
    C_GET_SLOT_INFO(6, "C_GetSlotInfo"),
    C_GET_TOKEN_INFO(7, "C_GetTokenInfo"),
    C_GET_MECHANISM_LIST(8, "C_GetMechanismList"),
    C_GET_MECHANISM_INFO(9, "C_GetMechanismInfo"),
    C_INIT_TOKEN(10, "C_InitToken"),
    C_INIT_PIN(11, "C_InitPIN"),
    C_SET_PIN(12, "C_SetPIN"),
    C_OPEN_SESSION(13, "C_OpenSession"),
    C_CLOSE_SESSION(14, "C_CloseSession"),
    C_CLOSE_ALL_SESSIONS(15, "C_CloseAllSessions"),
    C_GET_SESSION_INFO(16, "C_GetSessionInfo"),
    C_GET_OPERATION_STATE(17, "C_GetOperationState"),
    C_SET_OPERATION_STATE(18, "C_SetOperationState"),
    C_LOGIN(19, "C_Login"),
    C_LOGOUT(20, "C_Logout"),
    C_CREATE_OBJECT(21, "C_CreateObject"),
    C_COPY_OBJECT(22, "C_CopyObject"),
    C_DESTROY_OBJECT(23, "C_DestroyObject"),
    C_GET_OBJECT_SIZE(24, "C_GetObjectSize"),
    C_GET_ATTRIBUTE_VALUE(25, "C_GetAttributeValue"),
    C_SET_ATTRIBUTE_VALUE(26, "C_SetAttributeValue"),
    C_FIND_OBJECTS_INIT(27, "C_FindObjectsInit"),
    C_FIND_OBJECTS(28, "C_FindObjects"),
    C_FIND_OBJECTS_FINAL(29, "C_FindObjectsFinal"),
    C_ENCRYPT_INIT(30, "C_EncryptInit"),
    C_ENCRYPT(31, "C_Encrypt"),
    C_ENCRYPT_UPDATE(32, "C_EncryptUpdate"),
    C_ENCRYPT_FINAL(33, "C_EncryptFinal"),
    C_DECRYPT_INIT(34, "C_DecryptInit"),
    C_DECRYPT(35, "C_Decrypt"),
    C_DECRYPT_UPDATE(36, "C_DecryptUpdate"),
    C_DECRYPT_FINAL(37, "C_DecryptFinal"),
    C_DIGEST_INIT(38, "C_DigestInit"),
    C_DIGEST(39, "C_Digest"),
    C_DIGEST_UPDATE(40, "C_DigestUpdate"),
    C_DIGEST_KEY(41, "C_DigestKey"),
    C_DIGEST_FINAL(42, "C_DigestFinal"),
    C_SIGN_INIT(43, "C_SignInit"),
    C_SIGN(44, "C_Sign"),
    C_SIGN_UPDATE(45, "C_SignUpdate"),
    C_SIGN_FINAL(46, "C_SignFinal"),
    C_SIGN_RECOVER_INIT(47, "C_SignRecoverInit"),
    C_SIGN_RECOVER(48, "C_SignRecover"),
    C_VERIFY_INIT(49, "C_VerifyInit"),
    C_VERIFY(50, "C_Verify"),
    C_VERIFY_UPDATE(51, "C_VerifyUpdate"),
    C_VERIFY_FINAL(52, "C_VerifyFinal"),
    C_VERIFY_RECOVER_INIT(53, "C_VerifyRecoverInit"),
    C_VERIFY_RECOVER(54, "C_VerifyRecover"),
    C_DIGEST_ENCRYPT_UPDATE(55, "C_DigestEncryptUpdate"),
    C_DECRYPT_DIGEST_UPDATE(56, "C_DecryptDigestUpdate"),
    C_SIGN_ENCRYPT_UPDATE(57, "C_SignEncryptUpdate"),
    C_DECRYPT_VERIFY_UPDATE(58, "C_DecryptVerifyUpdate"),
    C_GENERATE_KEY(59, "C_GenerateKey"),
    C_GENERATE_KEY_PAIR(60, "C_GenerateKeyPair"),
    C_WRAP_KEY(61, "C_WrapKey"),
    C_UNWRAP_KEY(62, "C_UnwrapKey"),
    C_DERIVE_KEY(63, "C_DeriveKey"),
    C_SEED_RANDOM(64, "C_SeedRandom"),
    C_GENERATE_RANDOM(65, "C_GenerateRandom"),
    C_GET_FUNCTION_STATUS(66, "C_GetFunctionStatus"),
    C_CANCEL_FUNCTION(67, "C_CancelFunction"),
    C_WAIT_FOR_SLOT_EVENT(68, "C_WaitForSlotEvent");

    private static final KmipEnumIndex<Pkcs11Function> INDEX = KmipEnumIndex.of(Pkcs11Function.class);

    private final int code;
    private final String specName;

    Pkcs11Function(int code, String specName) {
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

    public static Optional<Pkcs11Function> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<Pkcs11Function> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<Pkcs11Function> index() {
        return INDEX;
    }
}
