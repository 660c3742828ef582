package dev.donjon.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Keystone v3 tokens, validated as keystonemiddleware does: {@code GET /v3/auth/tokens?nocatalog} with the presented
 * token in {@code X-Subject-Token} and Donjon's own service token in {@code X-Auth-Token}.
 * <p>
 * A valid token is cached (by its SHA-256, never the token itself) until its own {@code expires_at} or the configured
 * bound, whichever comes first: a revoked token keeps working at most that bound, and a cache hit costs no call.
 * When Keystone cannot answer (unreachable, timeout, 5xx, Donjon's service credentials refused) the request fails
 * closed as {@link Outcome.Unavailable}, and only tokens already in the cache keep working.
 */
public final class KeystoneTokens {
    private static final Logger LOG = LoggerFactory.getLogger(KeystoneTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A service token is renewed this long before Keystone says it expires. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

    /** What Keystone said of a presented token. */
    public sealed interface Outcome {
        record Valid(Principal principal) implements Outcome {
        }

        /** Keystone does not know the token, or it is expired, revoked, or not scoped to a project or the system. */
        record Invalid(String reason) implements Outcome {
        }

        /** Keystone could not be asked: the request must fail closed. */
        record Unavailable(String reason) implements Outcome {
        }
    }

    private record Cached(Principal principal, long expiresAtNanos) {
    }

    /**
     * A cached token's key: its SHA-256 as four longs. Hashing is the one cost a cache hit has beyond the look-up;
     * a hex string of the digest (an allocation, 64 characters hashed and compared) was measurable on every request.
     */
    private record TokenKey(long a, long b, long c, long d) {
    }

    /** Cloned per use: {@code MessageDigest.getInstance} searches the providers on every call. */
    private static final MessageDigest SHA256 = sha256Prototype();

    private record ServiceToken(String value, Instant renewAt) {
    }

    private final DonjonConfig.Keystone config;
    private final URI tokens;
    private final HttpClient http;
    private final Clock clock;
    private final Cache<TokenKey, Cached> valid;
    private volatile ServiceToken serviceToken;

    public KeystoneTokens(DonjonConfig.Keystone config, Clock clock) {
        this.config = config;
        this.clock = clock;
        String base = config.url().replaceAll("/+$", "");
        if (base.endsWith("/v3")) {
            base = base.substring(0, base.length() - 3);
        }
        this.tokens = URI.create(base + "/v3/auth/tokens");
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.valid = Caffeine.newBuilder().maximumSize(config.cacheSize())
                .expireAfter(new Expiry<TokenKey, Cached>() {
                    @Override
                    public long expireAfterCreate(TokenKey key, Cached value, long currentTime) {
                        return Math.max(0, value.expiresAtNanos() - System.nanoTime());
                    }

                    @Override
                    public long expireAfterUpdate(TokenKey key, Cached value, long currentTime,
                                                  long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(TokenKey key, Cached value, long currentTime,
                                                long currentDuration) {
                        return currentDuration;
                    }
                }).build();
        if (config.serviceToken() != null) {
            serviceToken = new ServiceToken(config.serviceToken(), Instant.MAX);
        }
    }

    /** The Keystone base URL, for the {@code WWW-Authenticate} header of a 401. */
    public String url() {
        return tokens.toString().substring(0, tokens.toString().length() - "/v3/auth/tokens".length());
    }

    public Outcome validate(String presented) {
        TokenKey key = key(presented);
        Cached hit = valid.getIfPresent(key);
        if (hit != null && hit.expiresAtNanos() - System.nanoTime() > 0) {
            return new Outcome.Valid(hit.principal());
        }
        try {
            HttpResponse<byte[]> response = ask(presented, false);
            if (response.statusCode() == 401 && config.serviceToken() == null) {
                // Our own token may have been revoked or expired early: log in again, once.
                response = ask(presented, true);
            }
            return switch (response.statusCode()) {
                case 200 -> accept(key, response.body());
                case 404 -> new Outcome.Invalid("token unknown to Keystone, expired or revoked");
                case 401, 403 -> {
                    LOG.error("Keystone refused Donjon's service credentials when validating a token ({}): check "
                            + "auth.keystone and that the service user may validate tokens", response.statusCode());
                    yield new Outcome.Unavailable("Keystone refused Donjon's service credentials");
                }
                default -> {
                    LOG.warn("Keystone answered {} to a token validation", response.statusCode());
                    yield new Outcome.Unavailable("Keystone answered " + response.statusCode());
                }
            };
        } catch (KeystoneDown e) {
            LOG.warn("identity service unavailable: {}", e.getMessage());
            return new Outcome.Unavailable(e.getMessage());
        }
    }

    private HttpResponse<byte[]> ask(String presented, boolean renew) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokens + "?nocatalog")).timeout(config.timeout())
                .header("X-Auth-Token", serviceToken(renew)).header("X-Subject-Token", presented)
                .header("Accept", "application/json").GET().build();
        return send(request);
    }

    private Outcome accept(TokenKey key, byte[] body) {
        JsonNode token;
        try {
            token = JSON.readTree(body).path("token");
        } catch (IOException e) {
            return new Outcome.Unavailable("Keystone's token validation answer is not JSON");
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(token.path("expires_at").asText());
        } catch (DateTimeParseException e) {
            return new Outcome.Unavailable("Keystone's token validation answer has no expires_at");
        }
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            return new Outcome.Invalid("token expired");
        }
        Principal principal;
        try {
            principal = principal(token);
        } catch (DomainException.InvalidInput e) {
            return new Outcome.Invalid("token's project id is not usable");
        }
        if (principal == null) {
            return new Outcome.Invalid("token is scoped neither to a project nor to the system");
        }
        Duration lifetime = Duration.between(now, expiresAt);
        if (lifetime.compareTo(config.cacheBound()) > 0) {
            lifetime = config.cacheBound();
        }
        if (!lifetime.isZero()) {
            valid.put(key, new Cached(principal, System.nanoTime() + lifetime.toNanos()));
        }
        return new Outcome.Valid(principal);
    }

    /**
     * A project-scoped token acts in its project with its roles; a system-scoped one acts for the deployment, where
     * only Barbican 15's system-admin rules apply (project quotas), which Donjon grants as
     * {@code key-manager:service-admin}. A domain-scoped or unscoped token names no project: {@code null}.
     */
    private static Principal principal(JsonNode token) {
        JsonNode user = token.path("user");
        String userId = text(user.path("id"));
        String domain = text(user.path("domain").path("id"));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (JsonNode role : token.path("roles")) {
            Role.fromWire(role.path("name").asText("")).ifPresent(roles::add);
        }
        String project = text(token.path("project").path("id"));
        if (project != null) {
            return new Principal(userId, new ProjectId(project), roles, AuthMethod.KEYSTONE, domain, false);
        }
        if (token.path("system").path("all").asBoolean(false)) {
            Set<Role> system = roles.contains(Role.ADMIN) || roles.contains(Role.SERVICE_ADMIN)
                    ? EnumSet.of(Role.SERVICE_ADMIN) : EnumSet.noneOf(Role.class);
            return new Principal(userId, Principal.SYSTEM_PROJECT, system, AuthMethod.KEYSTONE, domain, true);
        }
        return null;
    }

    /** Donjon's own token: the configured one, or the service user's, renewed before it expires. */
    private String serviceToken(boolean renew) {
        ServiceToken current = serviceToken;
        if (current != null && !renew && clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        synchronized (this) {
            if (serviceToken != null && serviceToken != current && clock.instant().isBefore(serviceToken.renewAt())) {
                return serviceToken.value();
            }
            serviceToken = logIn();
            return serviceToken.value();
        }
    }

    private ServiceToken logIn() {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", config.serviceUser());
        user.putObject("domain").put("name", domainOrDefault());
        user.put("password", config.servicePassword());
        ObjectNode project = auth.putObject("scope").putObject("project");
        project.put("name", config.serviceProject());
        project.putObject("domain").put("name", domainOrDefault());
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a Keystone login", e);
        }
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(tokens).timeout(config.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
        java.util.Arrays.fill(json, (byte) 0);
        String value = response.headers().firstValue("X-Subject-Token").orElse(null);
        if (response.statusCode() != 201 || value == null) {
            LOG.error("Keystone refused Donjon's service user {} ({})", config.serviceUser(), response.statusCode());
            throw new KeystoneDown("Keystone refused Donjon's service login (" + response.statusCode() + ")");
        }
        Instant renewAt;
        try {
            renewAt = Instant.parse(JSON.readTree(response.body()).path("token").path("expires_at").asText())
                    .minus(RENEW_BEFORE);
        } catch (IOException | DateTimeParseException e) {
            renewAt = clock.instant().plus(RENEW_BEFORE);
        }
        return new ServiceToken(value, renewAt);
    }

    private String domainOrDefault() {
        return config.serviceDomain() == null ? "Default" : config.serviceDomain();
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException stale) {
                if (!request.method().equals("GET") || stale instanceof java.net.http.HttpTimeoutException) {
                    throw stale;
                }
                // A pooled connection Keystone (or a proxy) had closed: a validation is safe to send again, once.
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
        } catch (IOException e) {
            throw new KeystoneDown("Keystone at " + url() + " is unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeystoneDown("interrupted while asking Keystone");
        }
    }

    /** Keystone could not be reached or refused Donjon itself. */
    private static final class KeystoneDown extends RuntimeException {
        KeystoneDown(String message) {
            super(message, null, false, false);
        }
    }

    /** How many validated tokens are cached now (for tests and metrics). */
    long cachedTokens() {
        valid.cleanUp();
        return valid.estimatedSize();
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static TokenKey key(String presented) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256Prototype();
        }
        java.nio.ByteBuffer hash = java.nio.ByteBuffer.wrap(digest.digest(presented.getBytes(StandardCharsets.UTF_8)));
        return new TokenKey(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
