package dev.donjon.server.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.ChainedEvent;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An audit event as a DMTF CADF event, in the shape Barbican's deployments emit through keystonemiddleware's audit
 * filter (Barbican 15 {@code doc/source/configuration/audit.rst}, {@code etc/barbican/api_audit_map.conf}): target
 * type {@code service/security/keymanager/<collection>}, initiator {@code service/security/account/user} with its
 * project and host address, CADF actions {@code create}, {@code read}, {@code update}, {@code delete}, and outcome
 * {@code success} or {@code failure}. The credential is named (token id, certificate fingerprint), never sent.
 */
public final class Cadf {
    /** CADF's time format, as pycadf writes it. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx")
            .withZone(ZoneOffset.UTC);

    private Cadf() {
    }

    /** A time as CADF writes it, e.g. {@code 2026-12-02T10:41:07.123456+0000}. */
    public static String time(java.time.Instant at) {
        return TIME.format(at);
    }

    public static ObjectNode event(ChainedEvent chained) {
        AuditEvent e = chained.event();
        ObjectNode cadf = AuditJson.MAPPER.createObjectNode();
        cadf.put("typeURI", "http://schemas.dmtf.org/cloud/audit/1.0/event");
        cadf.put("id", "donjon:" + chained.hash());
        cadf.put("eventType", "activity");
        cadf.put("eventTime", TIME.format(e.at()));
        cadf.put("action", action(e.action()));
        cadf.put("outcome", e.outcome() == AuditEvent.Outcome.SUCCESS ? "success" : "failure");
        if (e.detail() != null || e.outcome() != AuditEvent.Outcome.SUCCESS) {
            ObjectNode reason = cadf.putObject("reason");
            reason.put("reasonType", e.outcome() == AuditEvent.Outcome.DENIED ? "authorization"
                    : e.action() == Action.AUTHENTICATE ? "authentication" : "donjon");
            reason.put("reasonCode", e.detail() == null ? e.outcome().name().toLowerCase() : e.detail());
        }
        ObjectNode initiator = cadf.putObject("initiator");
        initiator.put("typeURI", "service/security/account/user");
        initiator.put("id", e.actorUser() == null ? "unknown" : e.actorUser());
        if (e.actorProject() != null) {
            initiator.put("project_id", e.actorProject());
        }
        if (e.credential() != null || e.method() != null) {
            ObjectNode credential = initiator.putObject("credential");
            credential.put("type", e.method() == null ? null : e.method().name().toLowerCase());
            credential.put("token", e.credential() == null ? "***" : e.credential());
        }
        if (e.source() != null) {
            initiator.putObject("host").put("address", e.source());
        }
        ObjectNode target = cadf.putObject("target");
        target.put("typeURI", "service/security/keymanager/" + collection(e.action()));
        target.put("id", e.objectId() == null ? "unknown" : e.objectId());
        ObjectNode observer = cadf.putObject("observer");
        observer.put("typeURI", "service/security/keymanager");
        observer.put("id", chained.node());
        if (e.requestId() != null) {
            cadf.putArray("tags").add("correlation_id?value=" + e.requestId());
        }
        cadf.put("donjon_action", e.action().name().toLowerCase());
        cadf.put("donjon_seq", chained.seq());
        return cadf;
    }

    /** The CADF taxonomy action of a Donjon action. */
    public static String action(Action action) {
        String name = action.name();
        if (action == Action.AUTHENTICATE) {
            return "authenticate";
        }
        if (name.endsWith("_LIST")) {
            return "read/list";
        }
        if (name.endsWith("_CREATE") || name.endsWith("_ADD") || name.equals("CA_IMPORT")) {
            return "create";
        }
        if (name.endsWith("_DELETE") || name.endsWith("_REMOVE") || name.endsWith("_REVOKE")) {
            return "delete";
        }
        if (name.endsWith("_READ") || name.endsWith("_READ_PAYLOAD") || name.equals("SECRET_USE")) {
            return "read";
        }
        return "update";
    }

    /** The Barbican collection an action is on, the last part of the CADF target type. */
    public static String collection(Action action) {
        String name = action.name();
        if (name.startsWith("SECRET_STORE") || name.startsWith("PREFERRED_STORE")) {
            return "secret-stores";
        }
        if (name.startsWith("SECRET_CONSUMER")) {
            return "consumers";
        }
        if (name.startsWith("SECRET")) {
            return "secrets";
        }
        if (name.startsWith("CONTAINER")) {
            return "containers";
        }
        if (name.startsWith("ORDER")) {
            return "orders";
        }
        if (name.startsWith("CA_") || name.startsWith("CERTIFICATE")) {
            return "cas";
        }
        if (name.contains("QUOTA")) {
            return "quotas";
        }
        if (name.startsWith("TOKEN") || name.equals("AUTHENTICATE")) {
            return "tokens";
        }
        return "keys";
    }
}
