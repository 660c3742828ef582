package dev.donjon.server.rest;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect / JWT bearer tokens: issuers whose keys come from a real HTTP JWKS endpoint (one that rotates its
 * key during the test) and from a file; every bad token is 401 with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAuthenticationTest {
    private static final String ISSUER = "https://idp.example.test/realms/donjon";
    private static final String ROTATING = "https://rotating.example.test";
    private static final String FILE_ISSUER = "https://file.example.test";
    private static final String AUDIENCE = "donjon";
    private static final String SECRET = "{\"payload\": \"jwt payload\", \"payload_content_type\": \"text/plain\"}";

    @TempDir
    static Path dataDir;

    private HttpServer jwks;
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicReference<JWKSet> rotatingPublished = new AtomicReference<>();
    private final AtomicInteger rotatingFetches = new AtomicInteger();
    private RSAKey key;
    private RSAKey fileKey;
    private TestServer server;
    private ApiClient api;

    @BeforeAll
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("key-1").generate();
        fileKey = new RSAKeyGenerator(2048).keyID("file-key").generate();
        published.set(new JWKSet(key.toPublicJWK()));
        rotatingPublished.set(new JWKSet(new RSAKeyGenerator(2048).keyID("old").generate().toPublicJWK()));
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", exchange -> serve(exchange, published.get()));
        jwks.createContext("/rotating", exchange -> {
            rotatingFetches.incrementAndGet();
            serve(exchange, rotatingPublished.get());
        });
        jwks.start();
        String base = "http://127.0.0.1:" + jwks.getAddress().getPort();
        Path jwksFile = dataDir.resolve("file-jwks.json");
        Files.writeString(jwksFile, new JWKSet(fileKey.toPublicJWK()).toString());
        List<DonjonConfig.JwtIssuer> issuers = List.of(
                issuer(ISSUER, base + "/jwks", null),
                issuer(ROTATING, base + "/rotating", null),
                issuer(FILE_ISSUER, null, jwksFile));
        server = TestServer.sqlite(dataDir.resolve("server"), dev -> new DonjonConfig(dev.dataDir(), dev.listen(),
                dev.publicUrl(), dev.tls(), dev.behindTlsProxy(), dev.database(), dev.masterKey(),
                new DonjonConfig.Auth(true, false).withJwtIssuers(issuers), dev.limits(), dev.kmip()));
        api = new ApiClient(server.baseUrl(), server.clientTls());
    }

    private static DonjonConfig.JwtIssuer issuer(String issuer, String url, Path file) {
        return new DonjonConfig.JwtIssuer(issuer, AUDIENCE, url, file, Duration.ofSeconds(30), Duration.ofMinutes(5),
                "project_id", "sub", "roles");
    }

    private static void serve(com.sun.net.httpserver.HttpExchange exchange, JWKSet set) throws java.io.IOException {
        try (exchange) {
            byte[] body = set.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    private static JWTClaimsSet.Builder claims(String issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(List.of(AUDIENCE, "other"))
                .subject("alice").claim("project_id", "jwt-project").claim("roles", List.of("creator", "unknown"))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey with, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    private ApiClient.Response get(String token) {
        return api.withHeader("Authorization", "Bearer " + token).get("/v1/secrets").send();
    }

    private void assertRefused(String token, String reason) {
        ApiClient.Response response = get(token);
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.json().get("description").asText()).contains(reason);
    }

    @Test
    void aValidTokenActsInItsProjectClaimWithItsRoles() throws Exception {
        ApiClient alice = api.withHeader("Authorization", "Bearer " + sign(key, claims(ISSUER).build()));
        ApiClient.Response created = alice.post("/v1/secrets").json(SECRET).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.json().get("secret_ref").asText();
        assertThat(alice.get(secret).accept("application/json").send().json().get("creator_id").asText())
                .isEqualTo("alice");
        ApiClient observer = api.withHeader("Authorization", "Bearer " + sign(key, claims(ISSUER)
                .claim("roles", "observer").build()));
        assertThat(observer.post("/v1/secrets").json(SECRET).send().status()).isEqualTo(403);
        assertThat(observer.get(secret + "/payload").accept("text/plain").send().text()).isEqualTo("jwt payload");
        ApiClient otherProject = api.withHeader("Authorization", "Bearer " + sign(key, claims(ISSUER)
                .claim("project_id", "another").build()));
        assertThat(otherProject.get(secret).send().status()).isEqualTo(403);
    }

    @Test
    void anUnsignedTokenIsRefused() {
        assertRefused(new PlainJWT(claims(ISSUER).build()).serialize(), "unsigned token (alg none)");
    }

    @Test
    void anHmacTokenKeyedWithTheIssuersPublicKeyIsRefused() throws Exception {
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                claims(ISSUER).build());
        forged.sign(new MACSigner(key.toPublicKey().getEncoded()));
        assertRefused(forged.serialize(), "signature algorithm HS256 refused");
    }

    @Test
    void anUnknownKeyIdIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-published").generate();
        assertRefused(sign(stranger, claims(ISSUER).build()), "no key of the issuer matches the token's key id");
    }

    @Test
    void aTokenSignedByAnotherKeyUnderAPublishedKidIsRefused() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
        assertRefused(sign(impostor, claims(ISSUER).build()), "signature does not verify");
    }

    @Test
    void expiredNotYetValidWrongAudienceAndWrongIssuerAreRefused() throws Exception {
        Instant now = Instant.now();
        assertRefused(sign(key, claims(ISSUER).expirationTime(Date.from(now.minusSeconds(120))).build()),
                "Expired JWT");
        assertRefused(sign(key, claims(ISSUER).notBeforeTime(Date.from(now.plusSeconds(600))).build()),
                "JWT before use time");
        assertRefused(sign(key, claims(ISSUER).audience("someone-else").build()), "aud claim rejected");
        assertRefused(sign(key, claims("https://evil.example.test").build()), "issuer (iss) is not trusted");
        assertRefused(sign(key, claims(ISSUER).claim("project_id", null).build()), "no project claim");
        assertRefused("not.a.jwt", "not a JWT");
        // Within the configured clock skew (30 s): accepted.
        assertThat(get(sign(key, claims(ISSUER).expirationTime(Date.from(now.minusSeconds(10))).build())).status())
                .isEqualTo(200);
    }

    @Test
    void aRotatedKeyIsPickedUpWithoutARestart() throws Exception {
        RSAKey old = new RSAKeyGenerator(2048).keyID("rotation-1").generate();
        rotatingPublished.set(new JWKSet(old.toPublicJWK()));
        assertThat(get(sign(old, claims(ROTATING).build())).status()).isEqualTo(200);
        int fetches = rotatingFetches.get();
        assertThat(get(sign(old, claims(ROTATING).build())).status()).isEqualTo(200);
        assertThat(rotatingFetches.get()).as("the key set is cached").isEqualTo(fetches);

        RSAKey next = new RSAKeyGenerator(2048).keyID("rotation-2").generate();
        rotatingPublished.set(new JWKSet(next.toPublicJWK()));
        assertThat(get(sign(next, claims(ROTATING).build())).status()).isEqualTo(200);
        assertThat(rotatingFetches.get()).as("an unknown kid fetched the key set again").isEqualTo(fetches + 1);
    }

    @Test
    void anIssuerWithAKeyFileWorks() throws Exception {
        assertThat(get(sign(fileKey, claims(FILE_ISSUER).build())).status()).isEqualTo(200);
        assertRefused(sign(key, claims(FILE_ISSUER).build()), "no key of the issuer matches");
    }
}
