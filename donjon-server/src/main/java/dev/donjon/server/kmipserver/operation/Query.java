package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.QueryFunction;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

import dev.donjon.kmip.message.ProtocolVersion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Query (KMIP 1.4 §4.25, 2.1 §6.1.37): the operations served, the object types stored, and who the server is; the
 * other Query Functions are answered with nothing, which the specification allows.
 */
final class Query implements KmipOperation<RequestPayload.Query, ResponsePayload.Query> {
    private static final List<ObjectType> OBJECT_TYPES = List.of(ObjectType.SYMMETRIC_KEY, ObjectType.PUBLIC_KEY,
            ObjectType.PRIVATE_KEY, ObjectType.SECRET_DATA, ObjectType.OPAQUE_OBJECT, ObjectType.CERTIFICATE,
            ObjectType.SPLIT_KEY);
    /** KMIP 1.x also has Templates (deprecated in 1.3, still defined in 1.4); 2.0 removed them. */
    private static final List<ObjectType> V1_OBJECT_TYPES = java.util.stream.Stream.concat(OBJECT_TYPES.stream(),
            java.util.stream.Stream.of(ObjectType.TEMPLATE)).toList();

    private final Set<Operation> served;
    private final Map<Operation, ProtocolVersion> since;

    /**
     * @param served every operation the server serves, in the order Query lists them
     * @param since  the first protocol version at which each is served, where later than the version that defined it
     *               (Export and Import, defined by 1.4, are served from 2.0): a client is told only what it can call
     */
    Query(Set<Operation> served, Map<Operation, ProtocolVersion> since) {
        this.served = served;
        this.since = Map.copyOf(since);
    }

    @Override
    public Class<RequestPayload.Query> requestType() {
        return RequestPayload.Query.class;
    }

    @Override
    public ResponsePayload.Query serve(OperationContext context, RequestPayload.Query request) {
        List<QueryFunction> functions = request.functions();
        boolean information = functions.contains(QueryFunction.QUERY_SERVER_INFORMATION);
        return new ResponsePayload.Query(
                functions.contains(QueryFunction.QUERY_OPERATIONS) ? served.stream().filter(operation ->
                        since.getOrDefault(operation, ProtocolVersion.V1_0).compareTo(context.version()) <= 0).toList()
                        : List.of(),
                functions.contains(QueryFunction.QUERY_OBJECTS) ? context.v2() ? OBJECT_TYPES : V1_OBJECT_TYPES : List.of(),
                information ? Optional.of("Donjon") : Optional.empty(),
                information ? Optional.of(new Ttlv.Structure(Tag.SERVER_INFORMATION,
                        new Ttlv.TextItem(Tag.SERVER_NAME, "Donjon KMIP server"))) : Optional.empty(),
                List.of());
    }
}
