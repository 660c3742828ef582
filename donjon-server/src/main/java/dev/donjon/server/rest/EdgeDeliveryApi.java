package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.domain.transfer.EdgeReports;

import java.util.UUID;

/**
 * {@code POST /replication/edge-reports} with {@code {"report"}}: an edge's report that the edge server sent by itself
 * (its delivery job, docs/replication.md "Updates flowing back"), answered as {@code POST /v1/replication/edge-reports}
 * is. It carries no caller's credentials, so it lives outside {@code /v1}: the report's signature, by a configured
 * lockbox peer, addressed to this server and fresh, is what authenticates it, and the changes it brings are made and
 * audited as that edge.
 */
public final class EdgeDeliveryApi implements PublicRoutes {
    /** Where an edge's delivery job posts its reports, relative to the owner's {@code lockbox.peers[].url}. */
    public static final String PATH = "/replication/edge-reports";

    private final EdgeReports reports;

    /** @param reports {@code null} when this server has no lockbox identity: the route then answers 404 */
    public EdgeDeliveryApi(EdgeReports reports) {
        this.reports = reports;
    }

    @Override
    public void register(Router router) {
        router.add("POST", PATH, this::receive);
    }

    private Reply receive(RestRequest request) {
        if (reports == null) {
            throw new ApiError(404, "Lockbox transfer is not configured on this server (lockbox.identity).");
        }
        JsonNode text = Json.parseObject(request.body(), "Edge report").get("report");
        if (text == null || !text.isTextual()) {
            throw new ApiError(400, "An edge report needs {\"report\": \"<compact JWS>\"}.");
        }
        return EdgeReportsApi.answer(reports.receiveFromEdge(text.asText(), "edge-report-" + UUID.randomUUID()));
    }
}
