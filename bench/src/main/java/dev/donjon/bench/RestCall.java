package dev.donjon.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The Barbican v1 calls the tool can load, in the order {@code --op all} runs them. */
enum RestCall {
    /** {@code POST /v1/secrets} with a 32-byte base64 payload. */
    POST("post", 201),
    /** {@code GET /v1/secrets/{id}} as JSON, on the read pool. */
    GET_META("get-meta", 200),
    /** {@code GET /v1/secrets/{id}/payload} as octet-stream, on the read pool. */
    GET_PAYLOAD("get-payload", 200),
    /** {@code DELETE /v1/secrets/{id}} on secrets created beforehand, each deleted once. */
    DELETE("delete", 204),
    /**
     * {@code POST /v1/secrets} as {@link #POST}, each in a project of its own ({@code X-Project-Id} replaced, trusted
     * headers only): every request creates the project's KEK, so it measures the master key's wrap (an HSM round trip
     * with the PKCS#11 backend) and the KEK insert. Not part of {@code all}; what it creates is left on the server.
     */
    POST_NEW_PROJECT("post-new-project", 201);

    private final String cliName;
    private final int expectedStatus;

    RestCall(String cliName, int expectedStatus) {
        this.cliName = cliName;
        this.expectedStatus = expectedStatus;
    }

    public String cliName() {
        return cliName;
    }

    /** Any other status counts as an error: Barbican answers exactly this one on success. */
    public int expectedStatus() {
        return expectedStatus;
    }

    public static RestCall byCliName(String name) {
        for (RestCall op : values()) {
            if (op.cliName.equals(name)) {
                return op;
            }
        }
        throw new UsageException("unknown operation '" + name + "' (expected one of "
                + Arrays.stream(values()).map(RestCall::cliName).collect(Collectors.joining(", ")) + ", all)");
    }
}
