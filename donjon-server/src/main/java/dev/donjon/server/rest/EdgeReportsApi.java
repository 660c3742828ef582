package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.EdgeUsageRepository;
import dev.donjon.server.domain.transfer.EdgeReports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage flowing back from edges (docs/replication.md), a Donjon extension: at an edge
 * {@code GET /v1/replication/edge-report?to=OWNER} answers {@code {"report", "objects"}}, the signed report of the
 * uses and compromises of that owner's edge copies; at the owner {@code POST /v1/replication/edge-reports} with
 * {@code {"report"}} records it ({@code {"edge", "recorded", "unchanged", "unknown", "compromised": {id: outcome}}})
 * and {@code GET /v1/secrets/{id}/edge-usage} shows
 * what edges reported.
 */
public final class EdgeReportsApi implements Routes {
    private final EdgeReports reports;

    /** @param reports {@code null} when this server has no lockbox identity: every route then answers 404 */
    public EdgeReportsApi(EdgeReports reports) {
        this.reports = reports;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/v1/replication/edge-report", this::report)
                .add("POST", "/v1/replication/edge-reports", this::receive)
                .add("GET", "/v1/secrets/{id}/edge-usage", this::reported);
    }

    private Reply report(RestRequest request) {
        String to = request.queryParam("to");
        if (to == null || to.isBlank()) {
            throw new ApiError(400, "An edge report needs ?to=OWNER, the owner's lockbox identity.");
        }
        EdgeReports.Report report = configured().report(request.call(), to.strip());
        return new Reply.Json(200, Map.of("report", report.report(), "objects", report.objects()));
    }

    private Reply receive(RestRequest request) {
        JsonNode text = Json.parseObject(request.body(), "Edge report").get("report");
        if (text == null || !text.isTextual()) {
            throw new ApiError(400, "An edge report needs {\"report\": \"<compact JWS>\"}.");
        }
        return answer(configured().receive(request.call(), text.asText()));
    }

    /** The owner's answer to a report: what it recorded, and each compromise's outcome. */
    static Reply answer(EdgeReports.Received received) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("edge", received.edge());
        body.put("recorded", received.recorded());
        body.put("unchanged", received.unchanged());
        body.put("unknown", received.unknown());
        body.put("compromised", received.compromises());
        return new Reply.Json(200, body);
    }

    private Reply reported(RestRequest request) {
        SecretId id = SecretsApi.secretId(request);
        List<Map<String, Object>> edges = new ArrayList<>();
        for (EdgeUsageRepository.Reported reported : configured().reported(request.call(), id)) {
            edges.add(Map.of("edge", reported.edge(), "uses_total", reported.usesTotal(),
                    "reported_at", reported.reported().toString()));
        }
        return new Reply.Json(200, Map.of("edges", edges));
    }

    private EdgeReports configured() {
        if (reports == null) {
            throw new ApiError(404, "Lockbox transfer is not configured on this server (lockbox.identity).");
        }
        return reports;
    }
}
