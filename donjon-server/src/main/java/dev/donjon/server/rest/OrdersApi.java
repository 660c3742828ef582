package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.donjon.server.domain.barbican.Order;
import dev.donjon.server.domain.barbican.OrderId;
import dev.donjon.server.domain.barbican.OrderService;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.pki.CaId;
import dev.donjon.server.domain.pki.CaService;
import dev.donjon.server.domain.pki.CertificateOrders;
import dev.donjon.server.domain.barbican.ContainerId;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/orders}: key, asymmetric and certificate orders, completed before the 202 answers (a certificate order
 * whose CA requires approval stays pending until {@code POST /v1/orders/{id}/approve} or {@code /reject}, a Donjon
 * extension).
 */
public final class OrdersApi implements Routes {
    private static final String SCHEMA = "Order";

    private static final String CERT_PENDING = "cert_request_pending";
    private static final String CERT_PENDING_MESSAGE =
            "Request has been submitted to the CA.  Waiting for certificate to be generated";
    private static final String CERT_GENERATED = "cert_generated";
    private static final String CERT_GENERATED_MESSAGE = "Certificate has been generated";

    private final OrderService orders;
    private final CertificateOrders certificates;
    private final Links links;
    private final Clock clock;

    public OrdersApi(OrderService orders, CertificateOrders certificates, Links links, Clock clock) {
        this.orders = orders;
        this.certificates = certificates;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/v1/orders", this::list)
                .add("POST", "/v1/orders", this::create)
                .add("GET", "/v1/orders/{id}", this::get)
                .add("DELETE", "/v1/orders/{id}", this::delete)
                .add("POST", "/v1/orders/{id}/approve", this::approve)
                .add("POST", "/v1/orders/{id}/reject", this::reject);
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
            return accepted(certificateOrder(request, meta));
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
        return accepted(order);
    }

    private Reply accepted(Order order) {
        String ref = links.order(order.id());
        return new Reply.Json(202, Map.of("order_ref", ref), Map.of("Location", ref));
    }

    /**
     * Barbican's {@code TypeOrderValidator} for certificate meta, in its order and words; then the CA signs (or the
     * order waits for approval).
     */
    private Order certificateOrder(RestRequest request, JsonNode meta) {
        JsonNode payload = meta.get("payload");
        if (payload != null && !payload.isNull()) {
            throw ApiError.schema(SCHEMA, "'payload' not allowed for certificate type order", "meta");
        }
        if (meta.has("profile") && !meta.has("ca_id")) {
            throw missingField("ca_id");
        }
        JsonNode requestTypeNode = meta.get("request_type");
        String requestType = requestTypeNode == null || requestTypeNode.isNull() ? "custom"
                : requestTypeNode.isTextual() ? requestTypeNode.asText() : null;
        CertificateOrders.Request certificateRequest = switch (requestType == null ? "" : requestType) {
            // Barbican leaves custom requests to the plugin; its snakeoil CA reads request_data as simple-cmc does.
            case "simple-cmc", "custom" -> new CertificateOrders.Request.SimpleCmc(requestData(meta));
            case "full-cmc" -> throw new ApiError(400, "Full CMC Requests are not yet supported.");
            case "stored-key" -> storedKey(meta);
            default -> throw new ApiError(400, "Invalid Certificate Request Type");
        };
        return certificates.create(request.call(), certificateRequest, caId(meta), meta.toString());
    }

    private static byte[] requestData(JsonNode meta) {
        JsonNode data = meta.get("request_data");
        if (data == null || data.isNull()) {
            throw missingField("request_data");
        }
        if (!data.isTextual()) {
            throw new ApiError(400, "Unable to decode request data.");
        }
        try {
            // Python's b64decode, which Barbican uses, skips characters outside the alphabet, as the MIME decoder does.
            return Base64.getMimeDecoder().decode(data.asText());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "Unable to decode request data.");
        }
    }

    private static CertificateOrders.Request storedKey(JsonNode meta) {
        JsonNode containerRef = meta.get("container_ref");
        if (containerRef == null || containerRef.isNull()) {
            throw missingField("container_ref");
        }
        JsonNode subjectDn = meta.get("subject_dn");
        if (subjectDn == null || subjectDn.isNull()) {
            throw missingField("subject_dn");
        }
        if (!subjectDn.isTextual()) {
            throw new ApiError(400, "Invalid subject DN: " + Json.repr(subjectDn));
        }
        JsonNode extensions = meta.get("extensions");
        if (extensions != null && !extensions.isNull() && !(extensions.isTextual() && extensions.asText().isEmpty())) {
            throw new ApiError(400, "Extensions are not yet supported.  Specify a valid profile instead.");
        }
        String ref = containerRef.isTextual() ? containerRef.asText() : Json.repr(containerRef);
        String trimmed = ref.endsWith("/") ? ref.substring(0, ref.length() - 1) : ref;
        ContainerId container = ContainerId.parse(trimmed.substring(trimmed.lastIndexOf('/') + 1))
                .orElseThrow(() -> new ApiError(400, "Invalid container: Bad Container Reference " + ref));
        return new CertificateOrders.Request.StoredKey(container, subjectDn.asText());
    }

    private static CaId caId(JsonNode meta) {
        JsonNode ca = meta.get("ca_id");
        if (ca == null || ca.isNull()) {
            return null;
        }
        return CaId.parse(ca.isTextual() ? ca.asText().strip() : "")
                .orElseThrow(() -> new ApiError(400, CaService.INVALID_CA));
    }

    private static ApiError missingField(String field) {
        return new ApiError(400, "Missing required metadata field for " + field);
    }

    private Reply approve(RestRequest request) {
        return new Reply.Json(200, document(certificates.approve(request.call(), id(request))));
    }

    private Reply reject(RestRequest request) {
        String reason = null;
        if (request.body().length > 0) {
            reason = Bodies.optionalString(Bodies.object(request, SCHEMA), "reason", SCHEMA);
        }
        return new Reply.Json(200, document(certificates.reject(request.call(), id(request), reason)));
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
        boolean failed = order.status() == Order.Status.ERROR;
        boolean certificate = order.type() == Order.Type.CERTIFICATE;
        String subStatus = failed ? null : !certificate ? "Unknown"
                : order.status() == Order.Status.PENDING ? CERT_PENDING : CERT_GENERATED;
        String subStatusMessage = failed ? null : !certificate ? "Unknown"
                : order.status() == Order.Status.PENDING ? CERT_PENDING_MESSAGE : CERT_GENERATED_MESSAGE;
        return new Document(Timestamps.format(order.created()), Timestamps.format(order.updated()),
                order.status().name(), order.type().wireName(), order.requestedMeta(), subStatus, subStatusMessage,
                failed ? order.failure().statusCode() : null, failed ? order.failure().reason() : null,
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
