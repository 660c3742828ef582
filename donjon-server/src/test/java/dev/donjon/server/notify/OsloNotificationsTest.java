package dev.donjon.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.ChainedEvent;
import dev.donjon.server.domain.audit.NotificationOutbox;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The notification each audit event adds to the outbox, and the envelope the relay sends it in. */
class OsloNotificationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-02T13:05:44.123456Z");

    private final List<String[]> added = new ArrayList<>();
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final OsloNotifications notifications = new OsloNotifications("donjon-kms-1", wakeUps::incrementAndGet);
    private final NotificationOutbox outbox = new NotificationOutbox() {
        @Override
        public void add(String eventType, String message, Instant at) {
            added.add(new String[] {eventType, message});
        }

        @Override
        public List<Pending> oldest(int limit) {
            return List.of();
        }

        @Override
        public void remove(List<Long> seqs) {
        }

        @Override
        public Backlog backlog() {
            return new Backlog(added.size(), java.util.Optional.empty());
        }
    };

    @Test
    void anEventBecomesTheAuditHttpResponseNotificationOfItsRequest() throws Exception {
        notifications.appended(chained(7, Action.SECRET_READ_PAYLOAD, AuditEvent.Outcome.SUCCESS), outbox);

        assertThat(added).hasSize(1);
        assertThat(added.get(0)[0]).isEqualTo("audit.http.response");
        JsonNode message = JSON.readTree(added.get(0)[1]);
        assertThat(message.get("event_type").asText()).isEqualTo("audit.http.response");
        assertThat(message.get("priority").asText()).isEqualTo("INFO");
        assertThat(message.get("publisher_id").asText()).isEqualTo("donjon-kms-1");
        assertThat(message.get("timestamp").asText()).isEqualTo("2026-12-02 13:05:44.123456");
        assertThat(message.get("_context_request_id").asText()).isEqualTo("req-1");
        assertThat(message.get("_context_project_id").asText()).isEqualTo("p1");
        JsonNode cadf = message.get("payload");
        assertThat(cadf.get("action").asText()).isEqualTo("read");
        assertThat(cadf.get("outcome").asText()).isEqualTo("success");
        assertThat(cadf.get("target").get("id").asText()).isEqualTo("secret-1");
        assertThat(cadf.get("reporterchain").get(0).get("reporter").get("id").asText()).isEqualTo("target");
        assertThat(wakeUps).hasValue(1);
    }

    @Test
    void theSameEventAlwaysMakesTheSameMessageId() throws Exception {
        notifications.appended(chained(7, Action.SECRET_CREATE, AuditEvent.Outcome.SUCCESS), outbox);
        notifications.appended(chained(7, Action.SECRET_CREATE, AuditEvent.Outcome.SUCCESS), outbox);
        notifications.appended(chained(8, Action.SECRET_CREATE, AuditEvent.Outcome.SUCCESS), outbox);

        String first = JSON.readTree(added.get(0)[1]).get("message_id").asText();
        assertThat(JSON.readTree(added.get(1)[1]).get("message_id").asText()).isEqualTo(first);
        assertThat(JSON.readTree(added.get(2)[1]).get("message_id").asText()).isNotEqualTo(first);
    }

    @Test
    void aRefusalCarriesItsReasonAndAFailedLoginIsNotNotified() throws Exception {
        notifications.appended(chained(9, Action.SECRET_DELETE, AuditEvent.Outcome.DENIED), outbox);
        notifications.appended(chained(10, Action.AUTHENTICATE, AuditEvent.Outcome.FAILED), outbox);

        assertThat(added).hasSize(1);
        JsonNode cadf = JSON.readTree(added.get(0)[1]).get("payload");
        assertThat(cadf.get("outcome").asText()).isEqualTo("failure");
        assertThat(cadf.get("reason").get("reasonType").asText()).isEqualTo("authorization");
    }

    @Test
    void theRelaySendsTheMessageInOsloMessagingsV2Envelope() throws Exception {
        String message = "{\"message_id\":\"x\",\"payload\":{\"a\":\"\\\"quoted\\\"\"}}";

        JsonNode envelope = JSON.readTree(new String(NotificationRelay.envelope(
                new NotificationOutbox.Pending(1, "audit.http.response", message)), StandardCharsets.UTF_8));

        assertThat(envelope.get("oslo.version").asText()).isEqualTo("2.0");
        assertThat(envelope.get("oslo.message").asText()).isEqualTo(message);
    }

    private static ChainedEvent chained(long seq, Action action, AuditEvent.Outcome outcome) {
        AuditEvent event = new AuditEvent(AT, "req-1", "alice", "p1", AuthMethod.API_TOKEN, "token:abc", "10.0.0.7",
                action, "secret-1", outcome, outcome == AuditEvent.Outcome.DENIED ? "not your secret" : null);
        return new ChainedEvent(seq, "kms-1", event, "0".repeat(64), Integer.toHexString((int) seq).repeat(8));
    }
}
