package dev.donjon.client;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A typed client for Donjon's REST API (the Barbican v1 API): secrets, containers, orders, ACLs and consumers.
 * <pre>{@code
 * try (DonjonClient donjon = DonjonClient.builder()
 *         .nodes("https://kms1:9311", "https://kms2:9311")
 *         .sslContext(TlsContexts...)                    // trusts the server's CA
 *         .token(ClientToken.of(System.getenv("DONJON_TOKEN")))
 *         .build()) {
 *     String id = donjon.secrets().store(SecretSpec.bytes("db-key", key));
 *     byte[] again = donjon.keys().get(id);            // cached while the token is valid
 * }
 * }</pre>
 * Thread-safe; one instance per application and token, as it holds the connection pool and the key cache.
 */
public final class DonjonClient implements AutoCloseable {
    private final Transport transport;
    private final Secrets secrets;
    private final Containers containers;
    private final Orders orders;
    private final Acls acls;
    private final Consumers consumers;
    private final TokenBoundKeyCache keys;

    private DonjonClient(Builder builder) {
        this.transport = new Transport(builder);
        this.secrets = new Secrets(transport);
        this.containers = new Containers(transport);
        this.orders = new Orders(transport);
        this.acls = new Acls(transport);
        this.consumers = new Consumers(transport);
        this.keys = new TokenBoundKeyCache(secrets::payload, transport.clock(), builder.cacheEntries,
                builder.cacheMaxAge, transport::token);
        transport.onTokenInvalidated(keys::dropAll);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Secrets secrets() {
        return secrets;
    }

    /** Lockbox transfer between servers (a Donjon extension). */
    public Lockboxes lockboxes() {
        return new Lockboxes(transport);
    }

    public Containers containers() {
        return containers;
    }

    public Orders orders() {
        return orders;
    }

    public Acls acls() {
        return acls;
    }

    public Consumers consumers() {
        return consumers;
    }

    /** Secret payloads (keys) cached under the current token: see {@link TokenBoundKeyCache}. */
    public TokenBoundKeyCache keys() {
        return keys;
    }

    /** Replaces the token (after a re-login); everything cached under the previous one is dropped. */
    public void useToken(ClientToken token) {
        transport.useToken(Objects.requireNonNull(token, "token"));
    }

    /** The node the next request goes to first: the last one that answered. */
    public URI currentNode() {
        return transport.currentNode();
    }

    @Override
    public void close() {
        keys.dropAll();
        transport.close();
    }

    public static final class Builder {
        final List<URI> nodes = new ArrayList<>();
        SSLContext sslContext;
        ClientToken token;
        Duration connectTimeout = Duration.ofSeconds(5);
        Duration requestTimeout = Duration.ofSeconds(30);
        int attempts = 2;
        Duration backoff = Duration.ofMillis(200);
        Clock clock = Clock.systemUTC();
        int cacheEntries = 1024;
        Duration cacheMaxAge = Duration.ofMinutes(5);

        private Builder() {
        }

        /** The nodes' base URLs ({@code https://host:9311}); requests fail over among them in this order. */
        public Builder nodes(String... urls) {
            for (String url : urls) {
                String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
                URI uri = URI.create(trimmed + "/");
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("not an http(s) URL: " + url);
                }
                nodes.add(uri);
            }
            return this;
        }

        /** TLS settings: the trust store that holds the server's CA (the JDK's default trust store otherwise). */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        public Builder token(ClientToken token) {
            this.token = token;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Rounds over all nodes for a retriable failure (default 2), with {@code backoff} doubling between rounds. */
        public Builder retries(int attempts, Duration backoff) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            this.attempts = attempts;
            this.backoff = backoff;
            return this;
        }

        /**
         * Key cache bounds: at most {@code entries} payloads, each kept at most {@code maxAge} (which bounds how long
         * a token revoked on the server can go unnoticed by a client that only reads from its cache).
         */
        public Builder keyCache(int entries, Duration maxAge) {
            if (entries < 0) {
                throw new IllegalArgumentException("entries must not be negative");
            }
            this.cacheEntries = entries;
            this.cacheMaxAge = maxAge;
            return this;
        }

        /** The clock token expiry and cache ages are read from (tests move it). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public DonjonClient build() {
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("no node URL");
            }
            return new DonjonClient(this);
        }
    }
}
