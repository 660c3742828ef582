package dev.donjon.server.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per REST request on logger {@code donjon.access}: request id, principal, method, route template, status
 * and duration. Never a path with identifiers, a query, a header, a payload or a token; the request id leads to the
 * audit event, which holds the object concerned. The fields travel as key-value pairs (fields of a JSON line) and,
 * for text logs, as {@code key=value} in the message. {@code logging.access_log: false} (or the logger's level at
 * {@code WARN}) silences it.
 */
public final class AccessLog {
    static final String LOGGER = "donjon.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    public void completed(String requestId, String method, String route, String principal, int status, long nanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String millis = milliseconds(nanos);
        LOG.atInfo()
                .addKeyValue("request_id", requestId)
                .addKeyValue("principal", principal)
                .addKeyValue("method", method)
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", (Math.max(0, nanos) / 1_000) / 1_000.0)
                .log("request_id=" + requestId + " principal=" + principal + " method=" + method + " route=" + route
                        + " status=" + status + " duration_ms=" + millis);
    }

    /** Milliseconds with three decimals, without String.format's cost on every request. */
    static String milliseconds(long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        long fraction = micros % 1_000;
        return micros / 1_000 + "." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + fraction;
    }
}
