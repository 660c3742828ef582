package dev.donjon.server.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per REST request on logger {@code donjon.access}: request id, principal, method, route template, status
 * and duration. Never a path with identifiers, a query, a header, a payload or a token; the request id leads to the
 * audit event, which holds the object concerned. Its level is configured like any logger's ({@code INFO} to keep it,
 * {@code WARN} to silence it).
 */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("donjon.access");

    public void completed(String requestId, String method, String route, String principal, int status, long nanos) {
        if (LOG.isInfoEnabled()) {
            LOG.info("request_id={} principal={} method={} route={} status={} duration_ms={}", requestId, principal,
                    method, route, status, String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6));
        }
    }
}
