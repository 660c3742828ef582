package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

import java.util.List;

/**
 * Discover Versions (KMIP 1.4 §4.26, 2.1 §6.1.15): the versions Donjon speaks that the client offered (all of them
 * when it offered none), in the server's order of preference.
 */
final class DiscoverVersions implements KmipOperation<RequestPayload.DiscoverVersions,
        ResponsePayload.DiscoverVersions> {
    /** Newest first: Discover Versions answers in the server's order of preference. */
    static final List<ProtocolVersion> SUPPORTED = List.of(ProtocolVersion.V2_1, ProtocolVersion.V2_0,
            ProtocolVersion.V1_4, ProtocolVersion.V1_3, ProtocolVersion.V1_2, ProtocolVersion.V1_1,
            ProtocolVersion.V1_0);

    @Override
    public Class<RequestPayload.DiscoverVersions> requestType() {
        return RequestPayload.DiscoverVersions.class;
    }

    @Override
    public ResponsePayload.DiscoverVersions serve(OperationContext context, RequestPayload.DiscoverVersions request) {
        List<ProtocolVersion> offered = request.versions();
        return new ResponsePayload.DiscoverVersions(SUPPORTED.stream()
                .filter(supported -> offered.isEmpty() || offered.contains(supported)).toList());
    }
}
