package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

/**
 * RNG Seed (KMIP 1.4 §4.36, 2.1 §6.1.47): the server "MAY elect to ignore the information provided by the client ...
 * by returning zero as the value in the Data Length", and Donjon does: its DRBG is seeded from the operating system
 * only, so no client can steer the randomness of other clients' keys.
 */
final class RngSeed implements KmipOperation<RequestPayload.RngSeed, ResponsePayload.RngSeed> {

    @Override
    public Class<RequestPayload.RngSeed> requestType() {
        return RequestPayload.RngSeed.class;
    }

    @Override
    public ResponsePayload.RngSeed serve(OperationContext context, RequestPayload.RngSeed request) {
        return new ResponsePayload.RngSeed(0);
    }
}
