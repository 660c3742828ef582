package dev.donjon.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The KMIP operations {@link KmipLoad} measures, in the order {@code --op all} runs them. */
enum KmipCall {
    /** Create of an AES-256 symmetric key with a unique Name. */
    CREATE("create"),
    /** Get of a random key from the read pool. */
    GET("get"),
    /** Locate by Name of a random key from the read pool (an exact, indexed match). */
    LOCATE("locate"),
    /** Destroy of keys created beforehand, each once. */
    DESTROY("destroy");

    private final String cliName;

    KmipCall(String cliName) {
        this.cliName = cliName;
    }

    String cliName() {
        return cliName;
    }

    static KmipCall byCliName(String name) {
        for (KmipCall op : values()) {
            if (op.cliName.equals(name)) {
                return op;
            }
        }
        throw new UsageException("unknown operation '" + name + "' (expected one of "
                + Arrays.stream(values()).map(KmipCall::cliName).collect(Collectors.joining(", ")) + ", all)");
    }
}
