package dev.donjon.server.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.job.JobLeaseHolding;
import dev.donjon.server.domain.job.JobLeases;
import dev.donjon.server.domain.transfer.EdgeReports;
import dev.donjon.server.jobs.BackgroundPoller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An edge sending its owners, by itself, the uses and compromises they have not acknowledged (docs/replication.md,
 * "Updates flowing back"): every {@code lockbox.report_interval_seconds}, one node at a time (the job lease
 * {@code edge-report-delivery}) signs a report for each owner that is owed one and has a {@code url}, and posts it to
 * the owner's {@code POST /replication/edge-reports} over HTTPS (trusting the peer's {@code tls_ca}). Only the owner's
 * answer acknowledges what the report carried; until then the next pass sends again, a fresh report with the totals as
 * they are then. Totals are cumulative and a compromise already applied is {@code unchanged}, so a report sent twice
 * (an answer lost on the way back) changes nothing twice at the owner.
 */
public final class EdgeReportDelivery implements AutoCloseable {
    public static final String JOB = "edge-report-delivery";
    private static final Logger LOG = LoggerFactory.getLogger(EdgeReportDelivery.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An owner's REST base URL and the client that trusts its TLS certificate. */
    private record Owner(String url, HttpClient client) {
    }

    private final EdgeReports reports;
    private final JobLeaseHolding lease;
    private final Map<String, Owner> owners;
    private final Set<String> failing = new HashSet<>();
    private BackgroundPoller poller;

    private EdgeReportDelivery(EdgeReports reports, JobLeases leases, Clock clock, String holder,
                               Map<String, Owner> owners) {
        this.reports = reports;
        this.lease = new JobLeaseHolding(leases, JOB, holder, clock, LEASE);
        this.owners = owners;
    }

    /**
     * @param peers the lockbox peers: those with a {@code url} are the owners reports are delivered to
     * @return {@code null} when no peer has a url (reports then go by {@code donjon replication report} only)
     */
    public static EdgeReportDelivery create(EdgeReports reports, JobLeases leases, Clock clock, String holder,
                                            List<DonjonConfig.LockboxPeer> peers) {
        Map<String, Owner> owners = new LinkedHashMap<>();
        for (DonjonConfig.LockboxPeer peer : peers) {
            if (peer.url() != null) {
                HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER);
                if (peer.tlsCa() != null) {
                    client.sslContext(TlsContexts.client(peer.tlsCa()));
                }
                owners.put(peer.name(), new Owner(peer.url().replaceAll("/+$", ""), client.build()));
            }
        }
        return owners.isEmpty() ? null : new EdgeReportDelivery(reports, leases, clock, holder, owners);
    }

    /** Passes every {@code interval}, for as long as the node runs. */
    public EdgeReportDelivery start(Duration interval) {
        poller = BackgroundPoller.start(JOB, interval, this::runOnce);
        return this;
    }

    /** @return how many owners acknowledged a report in this pass */
    public synchronized int runOnce() {
        List<String> owed = reports.ownersOwed().stream().filter(owners::containsKey).toList();
        if (owed.isEmpty() || !lease.renew()) {
            return 0;
        }
        int delivered = 0;
        try {
            for (String owner : owed) {
                if (deliver(owner)) {
                    delivered++;
                }
            }
            return delivered;
        } finally {
            lease.release();
        }
    }

    /** Sends {@code owner} what it is owed; whether it answered. An owner away is tried again next pass. */
    private boolean deliver(String owner) {
        EdgeReports.Outstanding outstanding = reports.outstanding(owner);
        Owner to = owners.get(owner);
        HttpResponse<String> answer;
        try {
            answer = to.client().send(HttpRequest.newBuilder(URI.create(to.url() + "/replication/edge-reports"))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("report",
                            outstanding.report().report()))))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            waiting(owner, "cannot reach " + to.url() + ": " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (answer.statusCode() != 200) {
            // The owner refused the whole report (not trusted, misaddressed, not configured): nothing is acknowledged,
            // and the next pass tries again, once the configurations agree.
            waiting(owner, "refused the report: HTTP " + answer.statusCode() + " " + description(answer.body()));
            return false;
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        try {
            JSON.readTree(answer.body()).path("compromised").properties()
                    .forEach(entry -> outcomes.put(entry.getKey(), entry.getValue().asText()));
        } catch (IOException e) {
            waiting(owner, "answered what is not JSON");
            return false;
        }
        reports.delivered(outstanding, outcomes);
        if (failing.remove(owner)) {
            LOG.info("edge reports: '{}' is reachable again", owner);
        }
        outcomes.forEach((id, outcome) -> {
            if (outcome.startsWith(EdgeReports.REFUSED)) {
                LOG.warn("edge reports: '{}' did not revoke {} reported compromised here: {}", owner, id, outcome);
            }
        });
        LOG.info("edge reports: delivered to '{}' ({} use totals, {} compromises)", owner,
                outstanding.totals().size(), outstanding.compromises().size());
        return true;
    }

    private void waiting(String owner, String why) {
        if (failing.add(owner)) {
            LOG.warn("edge reports: '{}' {}; retrying every pass until it answers", owner, why);
        }
    }

    private static String description(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error.path("description").asText(error.path("title").asText(""));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.close();
        }
    }
}
