package dev.donjon.server.crypto;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a token's slot by its label. SunPKCS11 only takes a slot id or index, and some tokens (SoftHSM2 among them)
 * give a new token a new slot id, so operators name the token instead. The JDK's PKCS#11 wrapper is the only Java
 * API that reads token labels; the JVM must export it ({@code --add-exports
 * jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}, which the donjon launcher and jar manifest do).
 */
final class Pkcs11Slots {
    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    /** CKF_OS_LOCKING_OK, as SunPKCS11 initialises the library; it reuses this instance. */
    private static final long OS_LOCKING_OK = 0x2L;

    private Pkcs11Slots() {
    }

    static long byTokenLabel(Path library, String label) {
        List<String> seen = new ArrayList<>();
        try {
            Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
            Class<?> initArgsType = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
            Object initArgs = initArgsType.getConstructor().newInstance();
            initArgsType.getField("flags").setLong(initArgs, OS_LOCKING_OK);
            Method getInstance = pkcs11.getMethod("getInstance", String.class, String.class, initArgsType,
                    boolean.class);
            Object module = getInstance.invoke(null, library.toString(), "C_GetFunctionList", initArgs, false);
            long[] slots = (long[]) pkcs11.getMethod("C_GetSlotList", boolean.class).invoke(module, true);
            Method tokenInfo = pkcs11.getMethod("C_GetTokenInfo", long.class);
            for (long slot : slots) {
                Object info = tokenInfo.invoke(module, slot);
                String tokenLabel = new String((char[]) info.getClass().getField("label").get(info)).strip();
                if (tokenLabel.equals(label)) {
                    return slot;
                }
                seen.add(tokenLabel);
            }
        } catch (IllegalAccessException e) {
            throw new MasterKeyCheck.Refused("finding a PKCS#11 token by label needs the JVM option --add-exports "
                    + "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED (or set master_key.slot)");
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            throw new MasterKeyCheck.Refused("cannot list the tokens of the PKCS#11 library " + library + ": "
                    + cause);
        }
        throw new MasterKeyCheck.Refused("no token labelled '" + label + "' in the PKCS#11 library " + library
                + " (tokens present: " + seen + ")");
    }
}
