package dev.donjon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** {@code /v1/orders}: keys and key pairs the server generates, so they are never seen outside it. */
public final class Orders {
    private final Transport transport;

    Orders(Transport transport) {
        this.transport = transport;
    }

    /**
     * Orders a key ({@code type} key: a symmetric key, the secret) or a key pair ({@code type} asymmetric: a
     * container of private and public key); returns the order's id.
     */
    public String create(String type, String name, String algorithm, int bitLength, String mode) {
        ObjectNode body = Transport.JSON.createObjectNode();
        body.put("type", type);
        ObjectNode meta = body.putObject("meta");
        if (name != null) {
            meta.put("name", name);
        }
        meta.put("algorithm", algorithm);
        meta.put("bit_length", bitLength);
        if (mode != null) {
            meta.put("mode", mode);
        }
        meta.put("payload_content_type", "application/octet-stream");
        JsonNode answer = transport.call("POST", "v1/orders", body, "application/json").json();
        return Refs.id(answer.path("order_ref").asText());
    }

    public OrderInfo get(String id) {
        return OrderInfo.of(transport.call("GET", "v1/orders/" + Refs.segment(id), null, "application/json").json());
    }

    public ListPage<OrderInfo> list(int limit, int offset) {
        JsonNode answer = transport.call("GET", "v1/orders?limit=" + limit + "&offset=" + offset, null,
                "application/json").json();
        List<OrderInfo> items = new ArrayList<>();
        answer.path("orders").forEach(order -> items.add(OrderInfo.of(order)));
        return new ListPage<>(items, answer.path("total").asLong(items.size()));
    }

    public void delete(String id) {
        transport.call("DELETE", "v1/orders/" + Refs.segment(id), null, null);
    }
}
