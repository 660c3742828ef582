package dev.donjon.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.audit.AuditCheckpoint;
import dev.donjon.server.domain.audit.ChainedEvent;

import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * The one JSON shape of an audit event, shared by the REST API, {@code donjon audit export} and the verification of
 * an export: {@code seq, time, node, request_id, actor{user, project, auth_method, credential, source}, action,
 * object, outcome, reason}, plus {@code prev_hash} and {@code hash} where the chain is wanted. Enumerations are
 * written in lower case and read back exactly, so an exported event hashes as the stored one did.
 */
public final class AuditJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditJson() {
    }

    public static ObjectNode event(ChainedEvent chained, boolean withHashes) {
        AuditEvent e = chained.event();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", chained.seq());
        node.put("time", e.at().toString());
        node.put("node", chained.node());
        node.put("request_id", e.requestId());
        ObjectNode actor = node.putObject("actor");
        actor.put("user", e.actorUser());
        actor.put("project", e.actorProject());
        actor.put("auth_method", e.method() == null ? null : lower(e.method().name()));
        actor.put("credential", e.credential());
        actor.put("source", e.source());
        node.put("action", lower(e.action().name()));
        node.put("object", e.objectId());
        node.put("outcome", lower(e.outcome().name()));
        node.put("reason", e.detail());
        if (withHashes) {
            node.put("prev_hash", chained.previousHash());
            node.put("hash", chained.hash());
        }
        return node;
    }

    /** Reads an event written by {@link #event}; throws IllegalArgumentException on a malformed one. */
    public static ChainedEvent readEvent(JsonNode node) {
        try {
            JsonNode actor = node.path("actor");
            String method = text(actor, "auth_method");
            AuditEvent event = new AuditEvent(Instant.parse(node.get("time").asText()), text(node, "request_id"),
                    text(actor, "user"), text(actor, "project"),
                    method == null ? null : AuthMethod.valueOf(method.toUpperCase(Locale.ROOT)),
                    text(actor, "credential"), text(actor, "source"),
                    Action.valueOf(node.get("action").asText().toUpperCase(Locale.ROOT)), text(node, "object"),
                    AuditEvent.Outcome.valueOf(node.get("outcome").asText().toUpperCase(Locale.ROOT)),
                    text(node, "reason"));
            return new ChainedEvent(node.get("seq").asLong(), text(node, "node"), event, text(node, "prev_hash"),
                    text(node, "hash"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed audit event: " + e.getMessage(), e);
        }
    }

    public static ObjectNode checkpoint(AuditCheckpoint checkpoint) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", "checkpoint");
        node.put("seq", checkpoint.seq());
        node.put("hash", checkpoint.hash());
        node.put("time", checkpoint.at().toString());
        node.put("node", checkpoint.node());
        node.put("key_id", checkpoint.keyId());
        node.put("signature", checkpoint.signatureBase64());
        return node;
    }

    public static AuditCheckpoint readCheckpoint(JsonNode node) {
        return new AuditCheckpoint(node.get("seq").asLong(), node.get("hash").asText(),
                Instant.parse(node.get("time").asText()), node.get("node").asText(), node.get("key_id").asText(),
                Base64.getDecoder().decode(node.get("signature").asText()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
