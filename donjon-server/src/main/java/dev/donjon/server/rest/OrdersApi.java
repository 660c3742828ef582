package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.donjon.server.domain.Order;
import dev.donjon.server.domain.OrderId;
import dev.donjon.server.domain.OrderService;
import dev.donjon.server.domain.Page;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code /v1/orders}: key and asymmetric orders, completed before the 202 answers. */
public final class OrdersApi implements Routes {
    private static final String SCHEMA = "Order";

    private final OrderService orders;
    private final Links links;
    private final Clock clock;

    public OrdersApi(OrderService orders, Links links, Clock clock) {
        this.orders = orders;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/v1/orders", this::list)
                .add("POST", "/v1/orders", this::create)
                .add("GET", "/v1/orders/{id}", this::get)
                .add("DELETE", "/v1/orders/{id}", this::delete);
    }

    /** An order as Barbican renders it; {@code meta} is the stored request JSON, written as is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(String created, String updated, String status, String type, @JsonRawValue String meta,
                    @JsonProperty("sub_status") String subStatus,
                    @JsonProperty("sub_status_message") String subStatusMessage,
                    @JsonProperty("error_status_code") String errorStatusCode,
                    @JsonProperty("error_reason") String errorReason,
                    @JsonProperty("secret_ref") String secretRef,
                    @JsonProperty("order_ref") String orderRef,
                    @JsonProperty("container_ref") String containerRef) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Listing(List<Document> orders, String previous, String next, long total) {
    }

    private Reply create(RestRequest request) {
        JsonNode body = Bodies.object(request, SCHEMA);
        JsonNode typeNode = body.get("type");
        if (typeNode == null) {
            throw ApiError.schema(SCHEMA, "'type' is a required property", "type");
        }
        String typeName = typeNode.isTextual() ? typeNode.asText().strip() : null;
        if (!"key".equals(typeName) && !"asymmetric".equals(typeName) && !"certificate".equals(typeName)) {
            throw ApiError.schema(SCHEMA, Json.repr(typeNode) + " is not one of ['key', 'asymmetric', "
                    + "'certificate']", "type");
        }
        JsonNode meta = body.get("meta");
        if (meta == null) {
            throw ApiError.schema(SCHEMA, "'meta' is a required property", "meta");
        }
        if (!meta.isObject()) {
            throw ApiError.schema(SCHEMA, Json.repr(meta) + " is not of type 'object'", "meta");
        }
        if (typeName.equals("certificate")) {
            throw new ApiError(400, "Certificate orders are not supported.");
        }
        Order order;
        OrderService.Spec spec = spec(typeName, meta);
        try {
            order = orders.create(request.call(), spec, shown(meta));
        } finally {
            if (spec instanceof OrderService.Spec.Asymmetric asymmetric && asymmetric.passphrase() != null) {
                Arrays.fill(asymmetric.passphrase(), '\0');
            }
        }
        String ref = links.order(order.id());
        return new Reply.Json(202, Map.of("order_ref", ref), Map.of("Location", ref));
    }

    private Reply list(RestRequest request) {
        Paging paging = Paging.parse(request, List.of());
        Page<Order> page = orders.list(request.call(), paging.offset(), paging.limit());
        List<Document> documents = page.items().stream().map(this::document).toList();
        boolean empty = documents.isEmpty();
        return new Reply.Json(200, new Listing(documents, paging.previous(links.orders(), empty),
                paging.next(links.orders(), empty, page.total()), page.total()));
    }

    private Reply get(RestRequest request) {
        return new Reply.Json(200, document(orders.get(request.call(), id(request))));
    }

    private Reply delete(RestRequest request) {
        orders.delete(request.call(), id(request));
        return new Reply.Empty(204);
    }

    private Document document(Order order) {
        boolean active = order.status() == Order.Status.ACTIVE;
        return new Document(Timestamps.format(order.created()), Timestamps.format(order.updated()),
                order.status().name(), order.type().wireName(), order.requestedMeta(),
                active ? "Unknown" : null, active ? "Unknown" : null,
                active ? null : order.failure().statusCode(), active ? null : order.failure().reason(),
                order.secretId() == null ? null : links.secret(order.secretId()),
                links.order(order.id()),
                order.containerId() == null ? null : links.container(order.containerId()));
    }

    /**
     * The order's meta as Barbican's TypeOrderValidator checks it for key and asymmetric orders: the secret fields
     * (with their lengths), the expiration, no {@code payload} (an order generates its secret), a supported
     * {@code payload_content_type} if one is given, an algorithm, and a bit length that is a multiple of 8. Whether
     * the algorithm and length can be generated is decided by the order itself, which ends in ERROR if not.
     */
    private OrderService.Spec spec(String type, JsonNode meta) {
        String name = Bodies.optionalString(meta, "name", SCHEMA);
        String algorithm = Bodies.optionalString(meta, "algorithm", SCHEMA);
        Integer bits = bitLength(meta);
        String mode = Bodies.optionalString(meta, "mode", SCHEMA);
        String contentType = Bodies.optionalString(meta, "payload_content_type", SCHEMA);
        Instant expiration = expiration(meta);
        String what = type.equals("key") ? "key" : "asymmetric key";
        if (meta.has("payload")) {
            throw ApiError.schema(SCHEMA, "'payload' not allowed for " + type + " type order", "meta");
        }
        if (contentType != null && !contentType.isEmpty()) {
            SecretCreation.contentType(contentType, SCHEMA + ".Secret");
        }
        if (algorithm == null || algorithm.isEmpty()) {
            throw ApiError.schema(SCHEMA, "'algorithm' is required field for " + what + " type order", "meta");
        }
        if (bits != null && bits % 8 != 0) {
            // Barbican's UnsupportedField: "Must be a positive integer that is a multiple of 8".
            throw new ApiError(400, "Provided field value is not supported");
        }
        if (type.equals("key")) {
            if (bits == null) {
                throw ApiError.schema(SCHEMA, "'bit_length' is required field for key type order", "meta");
            }
            return new OrderService.Spec.Key(name, algorithm, bits, mode, expiration);
        }
        String passphrase = Bodies.optionalString(meta, "passphrase", SCHEMA);
        return new OrderService.Spec.Asymmetric(name, algorithm, bits,
                passphrase == null ? null : passphrase.toCharArray(), expiration);
    }

    private static Integer bitLength(JsonNode meta) {
        JsonNode bits = meta.get("bit_length");
        if (bits == null || bits.isNull()) {
            return null;
        }
        if (!bits.isIntegralNumber() || bits.asLong() < 1 || bits.asLong() > SecretCreation.MAX_BIT_LENGTH) {
            throw ApiError.schema(SCHEMA, Json.repr(bits) + " is not a valid bit length", "bit_length");
        }
        return bits.asInt();
    }

    private Instant expiration(JsonNode meta) {
        String text = Bodies.optionalString(meta, "expiration", SCHEMA);
        if (text == null || text.isEmpty()) {
            return null;
        }
        return Timestamps.futureExpiration(text, clock.instant(), SCHEMA);
    }

    /**
     * The meta shown back with the order: what the client sent, with name and expiration present as Barbican shows
     * them, and without the passphrase, which is stored only as the generated passphrase secret.
     */
    private static String shown(JsonNode meta) {
        ObjectNode copy = ((ObjectNode) meta).deepCopy();
        copy.remove("passphrase");
        if (!copy.has("name")) {
            copy.putNull("name");
        }
        if (!copy.has("expiration")) {
            copy.putNull("expiration");
        }
        return copy.toString();
    }

    private static OrderId id(RestRequest request) {
        return OrderId.parse(request.path("id")).orElseThrow(() -> ApiError.notFound("Order not found."));
    }
}
