package dev.donjon.server.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.donjon.server.audit.Cadf;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AppendListener;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.ChainedEvent;
import dev.donjon.server.domain.audit.NotificationOutbox;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Turns each audit event, in the transaction that appends it, into the notification a Barbican deployment emits for
 * the same request: keystonemiddleware's audit filter (Barbican 15's {@code barbican-api-keystone-audit} pipeline)
 * sends an oslo.messaging notification of type {@code audit.http.response} at priority {@code INFO} whose payload is
 * the request's CADF event. The message is stored in the outbox as oslo.messaging's notifier builds it (before the
 * "messaging v2.0" envelope, which {@link NotificationRelay} adds), so that its {@code message_id} is fixed once and
 * for all: a message published twice after a crash is recognisably the same.
 * <p>
 * Not notified: failed authentications. In Barbican they never reach the audit filter (keystonemiddleware's
 * auth_token refuses the request first), and a flood of bad tokens must not fill the broker; they stay in the
 * audit trail. Nor is keystonemiddleware's {@code audit.http.request} (outcome {@code pending}) sent: Donjon writes
 * its event once the outcome is known, and a request notification would carry nothing the response does not.
 */
public final class OsloNotifications implements AppendListener {
    public static final String EVENT_TYPE = "audit.http.response";
    public static final String PRIORITY = "INFO";
    /** oslo.messaging's timestamp: Python's {@code str(datetime.utcnow())}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String publisherId;
    private final Runnable appended;

    /**
     * @param publisherId the notifications' {@code publisher_id}
     * @param appended    told after each notification is added (the relay looks at the outbox sooner)
     */
    public OsloNotifications(String publisherId, Runnable appended) {
        this.publisherId = publisherId;
        this.appended = appended;
    }

    @Override
    public void appended(ChainedEvent event, NotificationOutbox outbox) {
        if (event.event().action() == Action.AUTHENTICATE) {
            return;
        }
        outbox.add(EVENT_TYPE, message(event), event.event().at());
        appended.run();
    }

    /** The notification as oslo.messaging's {@code Notifier._notify} and the AMQP driver build it. */
    String message(ChainedEvent chained) {
        AuditEvent e = chained.event();
        // Derived from the event's chain hash: the same event always makes the same message id.
        UUID id = UUID.nameUUIDFromBytes(("donjon-notification:" + chained.hash()).getBytes(StandardCharsets.UTF_8));
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", id.toString());
        message.put("publisher_id", publisherId);
        message.put("event_type", EVENT_TYPE);
        message.put("priority", PRIORITY);
        message.set("payload", payload(chained));
        message.put("timestamp", TIMESTAMP.format(e.at()));
        // The request context, as oslo.messaging packs it ("_context_" keys); the listener hands it to its endpoint.
        message.put("_context_request_id", e.requestId());
        message.put("_context_project_id", e.actorProject());
        message.put("_context_user_id", e.actorUser());
        message.put("_unique_id", id.toString().replace("-", ""));
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e1) {
            throw new IllegalStateException("cannot serialize a notification", e1);
        }
    }

    /**
     * The CADF event ({@link Cadf}, as {@code donjon audit export --format cadf} writes it), with the reporter step
     * keystonemiddleware adds to its response event. A refusal's reason is Donjon's (authorization, with the policy's
     * explanation), not an HTTP status code: a KMIP request has none.
     */
    private static ObjectNode payload(ChainedEvent chained) {
        ObjectNode cadf = Cadf.event(chained);
        ObjectNode step = cadf.putArray("reporterchain").addObject();
        step.put("role", "modifier");
        step.put("reporterTime", Cadf.time(chained.event().at()));
        step.putObject("reporter").put("id", "target");
        return cadf;
    }
}
