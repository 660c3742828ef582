package dev.donjon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Lockbox transfer (a Donjon extension): a secret sealed by the server for a peer server, and the import of a lockbox
 * another server sealed for this one (docs/lockbox.md).
 */
public final class Lockboxes {
    private final Transport transport;

    Lockboxes(Transport transport) {
        this.transport = transport;
    }

    /** A sealed lockbox and what it says of itself. {@code lockbox} is the compact JWS to hand to the recipient. */
    public record Sealed(String lockbox, String lockboxId, String origin, String recipient, String issuedAt,
                         JsonNode json) {
        @Override
        public String toString() {
            return "Sealed[" + lockboxId + " " + origin + " -> " + recipient + "]";
        }
    }

    /** At an edge: the signed report of the uses of {@code owner}'s edge copies (docs/replication.md). */
    public String edgeReport(String owner) {
        return transport.call("GET", "v1/replication/edge-report?to=" + URLEncoder.encode(owner,
                StandardCharsets.UTF_8), null, "application/json").json().path("report").asText();
    }

    /** At the owner: records an edge's report; answers {@code {"edge", "recorded", "unchanged", "unknown"}}. */
    public JsonNode receiveEdgeReport(String report) {
        ObjectNode body = Transport.JSON.createObjectNode();
        body.put("report", report.strip());
        return transport.call("POST", "v1/replication/edge-reports", body, "application/json").json();
    }

    /** Makes the server the owner of its replica {@code id}; returns the owner the replica named. */
    public String promote(String id) {
        return promote(id, false);
    }

    /**
     * As {@link #promote(String)}; with {@code force}, even though the owner cannot be reached to hand the object over
     * (for an owner lost or fenced: docs/replication.md).
     */
    public String promote(String id, boolean force) {
        return transport.call("POST", "v1/secrets/" + Refs.segment(id) + "/promote" + (force ? "?force=true" : ""),
                null, "application/json").json().path("previous_owner").asText();
    }

    /** Seals secret {@code id} for the peer server {@code recipient}. Not retried once it reached a node. */
    public Sealed export(String id, String recipient) {
        return export(id, recipient, null, null);
    }

    /**
     * Seals secret {@code id} for the edge {@code recipient} with a lease and/or a usage allocation (docs/replication.md),
     * either {@code null} for none.
     */
    public Sealed export(String id, String recipient, Long leaseSeconds, Long uses) {
        JsonNode answer = transport.call("POST", "v1/secrets/" + Refs.segment(id) + "/lockbox?to="
                + URLEncoder.encode(recipient, StandardCharsets.UTF_8)
                + (leaseSeconds == null ? "" : "&lease_seconds=" + leaseSeconds)
                + (uses == null ? "" : "&uses=" + uses), null, "application/json").json();
        return new Sealed(answer.path("lockbox").asText(), answer.path("lockbox_id").asText(),
                answer.path("origin").asText(), answer.path("recipient").asText(), answer.path("issued_at").asText(),
                answer);
    }

    /**
     * Imports a lockbox sealed for this server; returns the imported secret's id.
     *
     * @param replica as a read-only replica whose owner stays the origin, rather than a copy this server owns
     */
    public String importLockbox(String lockbox, boolean replica) {
        ObjectNode body = Transport.JSON.createObjectNode();
        body.put("lockbox", lockbox.strip());
        JsonNode answer = transport.call("POST", replica ? "v1/lockboxes?replica=true" : "v1/lockboxes", body,
                "application/json").json();
        return Refs.id(answer.path("secret_ref").asText());
    }
}
