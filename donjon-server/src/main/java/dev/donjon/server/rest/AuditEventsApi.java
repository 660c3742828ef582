package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.donjon.server.audit.AuditJson;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.audit.AuditEvents;
import dev.donjon.server.domain.audit.AuditQuery;
import dev.donjon.server.domain.audit.ChainedEvent;

import java.util.Locale;

/**
 * {@code GET /v1/audit-events?limit=N&offset=M[&object_id=&action=&outcome=]}, newest first:
 * {@code {"audit_events": [...], "total": N}}, each event in {@link AuditJson}'s shape. See docs/audit.md.
 */
public final class AuditEventsApi implements Routes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final AuditEvents events;

    public AuditEventsApi(AuditEvents events) {
        this.events = events;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/v1/audit-events", this::list);
    }

    private Reply list(RestRequest request) {
        int limit = number(request, "limit", DEFAULT_LIMIT);
        int offset = number(request, "offset", 0);
        if (limit < 0 || limit > MAX_LIMIT || offset < 0) {
            throw new ApiError(400, "limit must be 0 to " + MAX_LIMIT + " and offset not negative");
        }
        AuditQuery query = new AuditQuery(null, request.queryParam("object_id"),
                parse(Action.class, request.queryParam("action"), "action"),
                parse(AuditEvent.Outcome.class, request.queryParam("outcome"), "outcome"), offset, limit);
        Page<ChainedEvent> page = events.find(request.call(), query);
        ObjectNode body = AuditJson.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("audit_events");
        page.items().forEach(event -> list.add(AuditJson.event(event, false)));
        body.put("total", page.total());
        return new Reply.Json(200, body);
    }

    private static int number(RestRequest request, String name, int otherwise) {
        String text = request.queryParam(name);
        if (text == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ApiError(400, name + " must be an integer");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String name) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "unknown " + name + " '" + text + "'");
        }
    }
}
