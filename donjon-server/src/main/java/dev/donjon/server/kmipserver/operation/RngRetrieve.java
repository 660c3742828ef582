package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

import java.security.SecureRandom;

/** RNG Retrieve (KMIP 1.4 §4.35, 2.1 §6.1.46): random bytes from the server's DRBG, a bounded amount per request. */
final class RngRetrieve implements KmipOperation<RequestPayload.RngRetrieve, ResponsePayload.RngRetrieve> {
    /** RNG Retrieve hands out at most this much per request; a client wanting more asks again. */
    static final int MAX_RANDOM_BYTES = 64 * 1024;

    private final SecureRandom random;

    RngRetrieve(SecureRandom random) {
        this.random = random;
    }

    @Override
    public Class<RequestPayload.RngRetrieve> requestType() {
        return RequestPayload.RngRetrieve.class;
    }

    @Override
    public ResponsePayload.RngRetrieve serve(OperationContext context, RequestPayload.RngRetrieve request) {
        int length = request.dataLength();
        if (length > MAX_RANDOM_BYTES) {
            throw KmipError.invalidField("Data Length must be 1 to " + MAX_RANDOM_BYTES);
        }
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return new ResponsePayload.RngRetrieve(bytes);
    }
}
