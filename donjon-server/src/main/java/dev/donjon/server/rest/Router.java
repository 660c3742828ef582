package dev.donjon.server.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Path templates ({@code /v1/secrets/{id}}) to handlers per method. Owning the routing lets unknown paths and wrong
 * methods answer in Barbican's error format, with {@code Allow} on 405.
 */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Handler handler) {
        return add(method, template, handler, OptionalInt.empty());
    }

    /** @param maxBodyBytes this route's own request body limit, in place of the API's */
    public Router add(String method, String template, Handler handler, int maxBodyBytes) {
        return add(method, template, handler, OptionalInt.of(maxBodyBytes));
    }

    private Router add(String method, String template, Handler handler, OptionalInt maxBodyBytes) {
        String[] segments = split(template);
        Route route = routes.stream().filter(r -> java.util.Arrays.equals(r.segments, segments)).findFirst()
                .orElseGet(() -> {
                    Route created = new Route(segments, "/" + String.join("/", segments), new LinkedHashMap<>());
                    routes.add(created);
                    return created;
                });
        route.endpoints.put(method, new Endpoint(handler, maxBodyBytes));
        return this;
    }

    /** The outcome of matching a request path. */
    public sealed interface Match {
        /**
         * @param maxBodyBytes the route's own body limit, if it has one
         * @param template     the route as registered ({@code /v1/secrets/{id}}): metrics and the access log name
         *                     routes by it, never by a path that holds identifiers
         */
        record Found(Handler handler, Map<String, String> params, OptionalInt maxBodyBytes, String template)
                implements Match {
        }

        record WrongMethod(List<String> allowed) implements Match {
        }

        record NoRoute() implements Match {
        }
    }

    public Match match(String method, String path) {
        String[] segments = split(path);
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.bind(segments);
            if (params.isPresent()) {
                Endpoint endpoint = route.endpoints.get(method);
                return endpoint == null
                        ? new Match.WrongMethod(List.copyOf(route.endpoints.keySet()))
                        : new Match.Found(endpoint.handler(), params.get(), endpoint.maxBodyBytes(), route.template);
            }
        }
        return new Match.NoRoute();
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private record Endpoint(Handler handler, OptionalInt maxBodyBytes) {
    }

    /** @param template the segments joined again, made once rather than for every request it matches */
    private record Route(String[] segments, String template, Map<String, Endpoint> endpoints) {
        Optional<Map<String, String>> bind(String[] actual) {
            if (actual.length != segments.length) {
                return Optional.empty();
            }
            // The literal segments first: most routes tried do not match, and need no parameter map.
            for (int i = 0; i < segments.length; i++) {
                if (!parameter(segments[i]) && !segments[i].equals(actual[i])) {
                    return Optional.empty();
                }
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < segments.length; i++) {
                if (parameter(segments[i])) {
                    params.put(segments[i].substring(1, segments[i].length() - 1), actual[i]);
                }
            }
            return Optional.of(params);
        }

        private static boolean parameter(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }
    }
}
