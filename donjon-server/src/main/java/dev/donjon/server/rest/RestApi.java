package dev.donjon.server.rest;

import dev.donjon.server.auth.ApiTokens;
import dev.donjon.server.auth.AuthResult;
import dev.donjon.server.auth.Authenticator;
import dev.donjon.server.auth.Credentials;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.InfrastructureFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The REST edge: negotiates the microversion, authenticates, routes, and maps every failure once into Barbican's
 * error format. Independent of the HTTP server library, which only moves bytes.
 */
public final class RestApi {
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final String JSON = "application/json";
    private static final String VERSION_HEADER = "OpenStack-API-Version";

    private final Router router = new Router();
    private final Router publicRouter = new Router();
    private final Authenticator authenticator;
    private final VersionApi versions;
    private final int maxRequestBytes;

    /** @param resources the resources beyond secrets (containers, orders, ...), each registering its routes */
    public RestApi(Authenticator authenticator, Links links, SecretsApi secrets, int maxRequestBytes,
                   java.util.List<Routes> resources) {
        this.authenticator = authenticator;
        this.versions = new VersionApi(links);
        this.maxRequestBytes = maxRequestBytes;
        secrets.register(router);
        resources.forEach(resource -> resource.register(resource instanceof PublicRoutes ? publicRouter : router));
    }

    /** What the node does with each answered request: metrics and the access log. */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param route     the route template, or a fixed word for requests that matched none ({@code unmatched},
         *                  {@code root}, {@code version}, {@code public}): never a path that holds identifiers
         * @param principal the authenticated user, or {@code -} before or without authentication
         */
        void completed(String requestId, String method, String route, String principal, int status, long nanos);

        Observer NONE = (requestId, method, route, principal, status, nanos) -> { };
    }

    private volatile Observer observer = Observer.NONE;
    private volatile dev.donjon.server.domain.transfer.ProxiedCalls admitting;
    private volatile ProxyForwarder forwarding;

    /**
     * Proxy mode (docs/replication.md), either {@code null} for none.
     *
     * @param admit   admits calls peers forwarded here with their callers' assertions
     * @param forward forwards writes refused on replicas to their owners
     */
    public void proxy(dev.donjon.server.domain.transfer.ProxiedCalls admit, ProxyForwarder forward) {
        this.admitting = admit;
        this.forwarding = forward;
    }

    public void observe(Observer observing) {
        this.observer = observing;
    }

    /** The request's route and caller, filled in as dispatch learns them. */
    private static final class Seen {
        String route = "unmatched";
        String principal = "-";
    }

    public Exchange.Outgoing dispatch(Exchange.Incoming in) {
        long start = System.nanoTime();
        String requestId = "req-" + UUID.randomUUID();
        Seen seen = new Seen();
        Exchange.Outgoing out = dispatch(in, requestId, seen);
        observer.completed(requestId, in.method(), seen.route, seen.principal, out.status(),
                System.nanoTime() - start);
        return out;
    }

    private Exchange.Outgoing dispatch(Exchange.Incoming in, String requestId, Seen seen) {
        boolean api = in.path().equals("/v1") || in.path().startsWith("/v1/") || in.path().equals(KmipApi.PATH);
        Map<String, String> headers = new LinkedHashMap<>();
        if (!canonical(in.path())) {
            // A proxy's path rules see the raw path; served, "/v1/secrets/../acl" would reach what they guard. Refused
            // as a resource that does not exist (404), as Barbican answers "/v1//secrets/<id>" (its functional suite
            // builds such URLs and expects 404); never resolved to the path it stands for.
            return error(new ApiError(404, "The request path is not canonical (empty, '.' or '..' segments, ';' "
                    + "parameters or backslashes): send the path it stands for."), headers);
        }
        if (api) {
            headers.put("x-openstack-request-id", requestId);
        }
        String versionHeader = in.headers().first(VERSION_HEADER);
        Optional<ApiVersion> version = ApiVersion.negotiate(versionHeader);
        if (version.isEmpty()) {
            return webobError(406, "Not Acceptable", "The resource could not be generated that was acceptable to your "
                    + "browser (content of type ${HTTP_ACCEPT}. ",
                    "\nInvalid microversion: Unacceptable version header: "
                            + versionHeader.substring(versionHeader.lastIndexOf(' ') + 1), headers, false);
        }
        headers.put("openstack-api-version", ApiVersion.SERVICE + " " + version.get());
        headers.put("vary", "openstack-api-version");
        boolean microversionRequested = versionHeader != null;
        try {
            if (!api) {
                seen.route = in.path().equals("/") || in.path().isEmpty() ? "root" : "outside-api";
                return rootOrMissing(in, headers, microversionRequested);
            }
            String assertion = in.headers().first(ProxyForwarder.HEADER);
            if (assertion != null) {
                return proxied(in, assertion, requestId, version.get(), headers, seen);
            }
            Credentials credentials = credentials(in);
            AuthResult auth = authenticator.authenticate(credentials, requestId, in.source());
            return switch (auth) {
                case AuthResult.Authenticated authenticated -> {
                    CallContext call = new CallContext(authenticated.principal(), requestId,
                            ApiTokens.auditName(credentials.apiToken()), in.source());
                    seen.principal = authenticated.principal().userId() != null
                            ? authenticated.principal().userId()
                            : "project:" + authenticated.principal().project().value();
                    if (in.path().equals("/v1") || in.path().equals("/v1/")) {
                        seen.route = "version";
                        yield versionV1(in, headers, microversionRequested);
                    }
                    yield route(in, call, version.get(), headers, seen);
                }
                case AuthResult.MissingProject missing -> {
                    headers.remove("openstack-api-version");
                    headers.remove("vary");
                    yield webobError(400, "Bad Request", "The server could not comply with the request since it is "
                            + "either malformed or otherwise incorrect.", "\nMissing X-Project-Id\n\n", headers,
                            accepts(in, JSON));
                }
                case AuthResult.Rejected rejected -> error(new ApiError(401, rejected.reason()), headers);
                case AuthResult.Throttled throttled -> {
                    headers.put("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
                    yield error(new ApiError(429, "Too many failed authentications from this address; retry later."),
                            headers);
                }
                case AuthResult.Unavailable unavailable -> error(new ApiError(503, unavailable.reason()), headers);
                case AuthResult.Anonymous anonymous ->
                        error(new ApiError(401, "The request you have made requires authentication."), headers);
            };
        } catch (ApiError error) {
            return error(error, headers);
        } catch (DomainException failure) {
            return error(ErrorMapper.toApiError(failure), headers);
        } catch (RuntimeException unexpected) {
            if (unexpected instanceof InfrastructureFailure infrastructure) {
                LOG.error("request {} failed: {} ({})", requestId, infrastructure.diagnosis(), describe(unexpected));
            } else {
                LOG.error("request {} failed: {}", requestId, describe(unexpected));
            }
            return error(new ApiError(500, "Internal error seen - please contact site administrator."), headers);
        }
    }

    /**
     * A call a peer in proxy mode forwarded: admitted as the caller its signed assertion names, for exactly this
     * request, or refused (401 where forwarded calls are not accepted at all).
     */
    private Exchange.Outgoing proxied(Exchange.Incoming in, String assertion, String requestId, ApiVersion version,
                                      Map<String, String> headers, Seen seen) {
        dev.donjon.server.domain.transfer.ProxiedCalls admit = admitting;
        if (admit == null) {
            return error(new ApiError(401, "This server accepts no forwarded calls (lockbox.peers: "
                    + "accept_proxied_calls)."), headers);
        }
        byte[] body = body(in, maxRequestBytes);
        String target = in.path() + (in.rawQuery() == null || in.rawQuery().isEmpty() ? "" : "?" + in.rawQuery());
        CallContext call = admit.admit(assertion, in.method(), target, body, requestId,
                in.clientCertificate() == null ? null
                        : dev.donjon.server.auth.ClientIdentities.fingerprint(in.clientCertificate()));
        seen.principal = call.principal().userId() != null ? call.principal().userId()
                : "project:" + call.principal().project().value();
        Exchange.Incoming read = new Exchange.Incoming(in.method(), in.path(), in.rawQuery(), in.query(), in.headers(),
                () -> new java.io.ByteArrayInputStream(body), in.source(), in.clientCertificate());
        // A forwarded call is never forwarded again: a replica here refuses it as it would any caller's.
        return route(read, call, version, headers, seen, false);
    }

    private Exchange.Outgoing route(Exchange.Incoming in, CallContext call, ApiVersion version,
                                    Map<String, String> headers, Seen seen) {
        return route(in, call, version, headers, seen, true);
    }

    private Exchange.Outgoing route(Exchange.Incoming in, CallContext call, ApiVersion version,
                                    Map<String, String> headers, Seen seen, boolean mayForward) {
        return switch (router.match(in.method(), in.path())) {
            case Router.Match.NoRoute none -> error(new ApiError(404, ""), headers);
            case Router.Match.WrongMethod wrong -> {
                headers.put("Allow", String.join(", ", wrong.allowed()));
                yield error(new ApiError(405, ""), headers);
            }
            case Router.Match.Found found -> {
                seen.route = found.template();
                byte[] body = body(in, found.maxBodyBytes().orElse(maxRequestBytes));
                RestRequest request = new RestRequest(in.method(), found.params(), in.query(), in.headers(), body, call,
                        version);
                ProxyForwarder forward = forwarding;
                try {
                    yield write(found.handler().handle(request), headers);
                } catch (DomainException.Refused refused) {
                    if (!mayForward || forward == null || refused.replicaOwner().isEmpty()
                            || !forward.reaches(refused.replicaOwner().get())) {
                        throw refused;
                    }
                    Exchange.Outgoing answer = forward.forward(in, call, body, refused.replicaOwner().get());
                    headers.putAll(answer.headers());
                    yield new Exchange.Outgoing(answer.status(), headers, answer.body());
                }
            }
        };
    }

    private static byte[] body(Exchange.Incoming in, int limit) {
        try {
            byte[] body = Exchange.readLimited(in.body(), limit);
            if (body == null) {
                throw new ApiError(413, "Provided information too large to process");
            }
            return body;
        } catch (IOException e) {
            throw new ApiError(400, "Request body could not be read.");
        }
    }

    private Exchange.Outgoing rootOrMissing(Exchange.Incoming in, Map<String, String> headers,
                                            boolean microversionRequested) {
        if (in.path().equals("/") || in.path().isEmpty()) {
            if (!in.method().equals("GET")) {
                headers.put("Allow", "GET");
                return error(new ApiError(405, ""), headers);
            }
            return write(versions.root(in.rawQuery(), microversionRequested), headers);
        }
        if (publicRouter.match(in.method(), in.path()) instanceof Router.Match.Found found) {
            // A public route that takes a body (an edge's signed report) authenticates it by its contents.
            byte[] body = in.method().equals("GET") ? new byte[0]
                    : body(in, found.maxBodyBytes().orElse(maxRequestBytes));
            RestRequest request = new RestRequest(in.method(), found.params(), in.query(), in.headers(), body,
                    null, null);
            return write(found.handler().handle(request), headers);
        }
        return error(new ApiError(404, ""), headers);
    }

    private Exchange.Outgoing versionV1(Exchange.Incoming in, Map<String, String> headers,
                                        boolean microversionRequested) {
        if (!in.method().equals("GET")) {
            headers.put("Allow", "GET");
            return error(new ApiError(405, ""), headers);
        }
        String accept = in.headers().first("Accept");
        if (accept != null && !accept.isBlank() && !accepts(in, JSON) && !accept.contains("*/*")) {
            return error(new ApiError(406, null), headers);
        }
        return write(versions.v1(microversionRequested), headers);
    }

    private static Exchange.Outgoing write(Reply reply, Map<String, String> headers) {
        return switch (reply) {
            case Reply.Json json -> {
                headers.putAll(json.headers());
                headers.put("Content-Type", JSON);
                yield new Exchange.Outgoing(json.status(), headers, Json.write(json.body()));
            }
            case Reply.Bytes bytes -> {
                headers.putAll(bytes.headers());
                headers.put("Content-Type", bytes.contentType());
                yield new Exchange.Outgoing(bytes.status(), headers, bytes.body());
            }
            case Reply.Empty empty -> new Exchange.Outgoing(empty.status(), headers, new byte[0]);
        };
    }

    private static Exchange.Outgoing error(ApiError error, Map<String, String> headers) {
        headers.put("Content-Type", JSON);
        ErrorDocument document = new ErrorDocument(error.status(), ErrorMapper.title(error.status()),
                error.description());
        return new Exchange.Outgoing(error.status(), headers, Json.write(document));
    }

    /**
     * Barbican's middleware errors come from webob: plain text, or a JSON shape with a string code. {@code detail} is
     * webob's HTML detail; the plain-text body turns its line breaks into spaces, as webob does (so
     * {@code "\nMissing X-Project-Id\n\n"} prints as {@code " Missing X-Project-Id  "}).
     */
    private static Exchange.Outgoing webobError(int status, String title, String explanation, String detail,
                                                Map<String, String> headers, boolean json) {
        String code = status + " " + title;
        if (json) {
            headers.put("Content-Type", JSON);
            record WebobError(String message, String code, String title) {
            }
            return new Exchange.Outgoing(status, headers,
                    Json.write(new WebobError(explanation + "<br /><br />" + detail, code, title)));
        }
        headers.put("Content-Type", "text/plain; charset=UTF-8");
        String text = code + "\n\n" + explanation + "\n\n" + detail.replace('\n', ' ');
        return new Exchange.Outgoing(status, headers, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Credentials credentials(Exchange.Incoming in) {
        RestRequest.Headers h = in.headers();
        String authorization = h.first("Authorization");
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        return new Credentials(h.first("X-Auth-Token"), h.first("X-Project-Id"), h.first("X-Roles"),
                h.first("X-User-Id"), bearer, in.clientCertificate());
    }

    private static boolean accepts(Exchange.Incoming in, String mediaType) {
        String accept = in.headers().first("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(mediaType);
    }

    /** Whether the decoded path is one a proxy would read the same way: no segment that aliases another path. */
    static boolean canonical(String path) {
        if (path.isEmpty()) {
            return true;
        }
        if (path.charAt(0) != '/' || path.contains("//") || path.indexOf(';') >= 0 || path.indexOf('\\') >= 0) {
            return false;
        }
        // One pass over the characters (every request comes here twice): each segment, between a '/' and the next
        // '/' or the end, must not be "." or "..", and no character may be a control character.
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c == '/') {
                int length = i - segmentStart;
                if ((length == 1 || length == 2) && path.charAt(segmentStart) == '.'
                        && path.charAt(i - 1) == '.') {
                    return false;
                }
                segmentStart = i + 1;
            } else if (c < 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Class names of the cause chain only: exception messages from lower layers may quote stored values. */
    private static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            out.append(out.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            StackTraceElement[] trace = t.getStackTrace();
            if (trace.length > 0) {
                out.append(" at ").append(trace[0]);
            }
        }
        return out.toString();
    }
}
