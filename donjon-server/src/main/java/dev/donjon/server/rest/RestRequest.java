package dev.donjon.server.rest;

import dev.donjon.server.domain.CallContext;

import java.util.List;
import java.util.Map;

/**
 * One authenticated API request, independent of the HTTP server library.
 *
 * @param pathParams values captured by the route's {@code {name}} segments
 * @param query      query parameters, first value of each name wins
 * @param body       the request body, at most the configured size
 */
public record RestRequest(
        String method,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        Headers headers,
        byte[] body,
        CallContext call,
        ApiVersion version) {

    public String path(String name) {
        return pathParams.get(name);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Case-insensitive request headers. */
    public interface Headers {
        String first(String name);
    }

    @Override
    public String toString() {
        return "RestRequest[" + method + ", " + pathParams + ", request=" + (call == null ? "public" : call.requestId())
                + "]";
    }
}
