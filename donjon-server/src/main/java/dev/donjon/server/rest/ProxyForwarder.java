package dev.donjon.server.rest;

import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.transfer.ProxiedCalls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST side of proxy mode (docs/replication.md): a write this server refused because the object is a replica is
 * sent to the owner's REST API as the same request (method, path, query, body, content headers) with the caller's
 * signed assertion in {@link #HEADER}, and the owner's answer is the caller's. An owner without a configured URL, or
 * one that cannot be reached, leaves the refusal (or a 502) as the answer: nothing is written here either way.
 */
public final class ProxyForwarder {
    /** The request header carrying the proxy's assertion of the caller ({@link ProxiedCalls}). */
    public static final String HEADER = "X-Donjon-Proxied-Call";
    private static final List<String> CARRIED = List.of("Content-Type", "Accept", "OpenStack-API-Version");

    private final ProxiedCalls calls;
    private final Map<String, Owner> owners;

    /**
     * An owner this server forwards to: its REST base URL and a client trusting its TLS certificate, presenting this
     * server's client certificate for that peer (mutual TLS: the owner admits forwarded calls only with it).
     */
    public record Owner(String url, HttpClient client) {
        /**
         * @param clientCertificate this server's client certificate for the peer ({@code push.client_certificate}),
         *                          or {@code null}: the owner will then refuse the forwarded calls (401)
         */
        public static Owner of(String url, Path tlsCa, Path clientCertificate, Path clientKey) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (clientCertificate != null) {
                builder.sslContext(TlsContexts.clientPresenting(tlsCa, clientCertificate, clientKey));
            } else if (tlsCa != null) {
                builder.sslContext(TlsContexts.client(tlsCa));
            }
            return new Owner(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, builder.build());
        }
    }

    public ProxyForwarder(ProxiedCalls calls, Map<String, Owner> owners) {
        this.calls = calls;
        this.owners = Map.copyOf(owners);
    }

    boolean reaches(String owner) {
        return owners.containsKey(owner);
    }

    Exchange.Outgoing forward(Exchange.Incoming in, CallContext call, byte[] body, String owner) {
        Owner to = owners.get(owner);
        String target = in.path() + (in.rawQuery() == null || in.rawQuery().isEmpty() ? "" : "?" + in.rawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.url() + target))
                .timeout(Duration.ofSeconds(30))
                .method(in.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header(HEADER, calls.assertion(call, owner, in.method(), target, body));
        for (String name : CARRIED) {
            String value = in.headers().first(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        Action action = action(in.method(), in.path());
        String objectId = objectId(in.path());
        HttpResponse<byte[]> answer;
        try {
            answer = to.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            calls.recordForwarded(call, action, objectId, owner, 502);
            throw new ApiError(502, "The object is a read-only replica owned by '" + owner + "', which this proxy "
                    + "could not reach (" + e.getClass().getSimpleName() + "): nothing was written.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "Interrupted while forwarding to the owner '" + owner + "'.");
        }
        calls.recordForwarded(call, action, objectId, owner, answer.statusCode());
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("Content-Type", "Location")) {
            answer.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
        }
        headers.put("X-Donjon-Forwarded-To", owner);
        return new Exchange.Outgoing(answer.statusCode(), headers, answer.body());
    }

    /** What the forwarded write was, for the proxy's own audit event: the action the owner will check. */
    private static Action action(String method, String path) {
        String[] segments = path.split("/");
        boolean secret = segments.length == 4 && segments[2].equals("secrets");
        return switch (method) {
            case "DELETE" -> secret ? Action.SECRET_DELETE : Action.SECRET_METADATA_WRITE;
            case "PUT" -> secret ? Action.SECRET_UPLOAD_PAYLOAD : Action.SECRET_METADATA_WRITE;
            default -> Action.SECRET_METADATA_WRITE;
        };
    }

    private static String objectId(String path) {
        String[] segments = path.split("/");
        return segments.length > 3 && segments[2].equals("secrets") ? segments[3] : null;
    }
}
