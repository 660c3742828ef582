package dev.donjon.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The KMIP operations {@link KmipLoad} measures, in the order {@code --op all} runs them. */
enum KmipOperation {
    /** Create of an AES-256 symmetric key with a unique Name. */
    CREATE("create"),
    /** Get of a random key from the read pool. */
    GET("get"),
    /** Locate by Name of a random key from the read pool (an exact, indexed match). */
    LOCATE("locate"),
    /** Destroy of keys created beforehand, each once. */
    DESTROY("destroy");

    private final String cliName;

    KmipOperation(String cliName) {
        this.cliName = cliName;
    }

    String cliName() {
        return cliName;
    }

    static KmipOperation byCliName(String name) {
        for (KmipOperation op : values()) {
            if (op.cliName.equals(name)) {
                return op;
            }
        }
        throw new UsageException("unknown operation '" + name + "' (expected one of "
                + Arrays.stream(values()).map(KmipOperation::cliName).collect(Collectors.joining(", ")) + ", all)");
    }
}
