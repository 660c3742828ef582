/*
 * A PKCS#11 module in front of a real one (SoftHSM2), for HsmLossTest: it forwards every call to the real module, except
 * that while the file named by SWITCH_FILE (given at compile time) exists, opening a session, logging in, finding
 * objects and starting an encryption or decryption answer CKR_DEVICE_REMOVED, as a token pulled from its reader or an
 * HSM gone from the network does. SoftHSM2 itself cannot lose its token and find it again inside one process, and
 * p11-kit's RPC module (0.24) carries no AES-GCM, so the loss is injected here, in front of a real token.
 *
 * cc -shared -fPIC -I/usr/include/p11-kit-1 -DSWITCH_FILE='"/path/down"' -DREAL_MODULE='"libsofthsm2.so"' ... -ldl
 */
#include <dlfcn.h>
#include <stddef.h>
#include <unistd.h>
#define CK_PTR *
#define CK_DECLARE_FUNCTION(returnType, name) returnType name
#define CK_DECLARE_FUNCTION_POINTER(returnType, name) returnType (* name)
#define CK_CALLBACK_FUNCTION(returnType, name) returnType (* name)
#ifndef NULL_PTR
#define NULL_PTR 0
#endif
#include <p11-kit/pkcs11.h>

static CK_FUNCTION_LIST real_functions, switched;
static CK_FUNCTION_LIST_PTR real;

static int down(void) {
    return access(SWITCH_FILE, F_OK) == 0;
}

static CK_RV open_session(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR app, CK_NOTIFY notify,
                          CK_SESSION_HANDLE_PTR session) {
    return down() ? CKR_DEVICE_REMOVED : real->C_OpenSession(slot, flags, app, notify, session);
}

static CK_RV login(CK_SESSION_HANDLE session, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG length) {
    return down() ? CKR_DEVICE_REMOVED : real->C_Login(session, user, pin, length);
}

static CK_RV find_objects_init(CK_SESSION_HANDLE session, CK_ATTRIBUTE_PTR template, CK_ULONG count) {
    return down() ? CKR_DEVICE_REMOVED : real->C_FindObjectsInit(session, template, count);
}

static CK_RV encrypt_init(CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism, CK_OBJECT_HANDLE key) {
    return down() ? CKR_DEVICE_REMOVED : real->C_EncryptInit(session, mechanism, key);
}

static CK_RV decrypt_init(CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism, CK_OBJECT_HANDLE key) {
    return down() ? CKR_DEVICE_REMOVED : real->C_DecryptInit(session, mechanism, key);
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
    if (real == NULL) {
        void *module = dlopen(REAL_MODULE, RTLD_NOW | RTLD_LOCAL);
        CK_RV (*get)(CK_FUNCTION_LIST_PTR_PTR);
        CK_FUNCTION_LIST_PTR functions;
        if (module == NULL) {
            return CKR_GENERAL_ERROR;
        }
        get = (CK_RV (*)(CK_FUNCTION_LIST_PTR_PTR)) dlsym(module, "C_GetFunctionList");
        if (get == NULL || get(&functions) != CKR_OK) {
            return CKR_GENERAL_ERROR;
        }
        real_functions = *functions;
        real = &real_functions;
        switched = *functions;
        switched.C_GetFunctionList = C_GetFunctionList;
        switched.C_OpenSession = open_session;
        switched.C_Login = login;
        switched.C_FindObjectsInit = find_objects_init;
        switched.C_EncryptInit = encrypt_init;
        switched.C_DecryptInit = decrypt_init;
    }
    *list = &switched;
    return CKR_OK;
}
