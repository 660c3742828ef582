package dev.donjon.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.LockboxKeys;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.access.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge delivers its reports by itself (docs/replication.md, "Updates flowing back"), with an owner (site-a) and an
 * edge (site-b) as separate processes, each with its own SQLite database, on fixed ports (22011-22022) so that the
 * owner comes back where the edge's configuration says it is. With the owner stopped, uses and a compromise at the
 * edge are queued; once the owner is back on its data, the edge's delivery job brings them, and the owner records each
 * once: the compromise revokes the owner's object, each use total is audited once, and nothing is delivered again.
 */
class EdgeReportDeliveryTest {
    private static final int OWNER_PORT = 22011;
    private static final int OWNER_KMIP_PORT = 22012;
    private static final int EDGE_PORT = 22021;
    private static final int EDGE_KMIP_PORT = 22022;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYLOAD = Base64.getEncoder().encodeToString(
            "thirty-two bytes of key material".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @TempDir
    static Path directory;
    static String[] ownerArgs;
    static ServerJvm owner;
    static ServerJvm edge;
    static HttpClient toOwner;
    static HttpClient toEdge;

    @BeforeAll
    static void start() throws Exception {
        Path keys = directory.resolve("keys");
        LockboxKeys.KeyFiles aSigning = LockboxKeys.make(keys, "a-sign", "EC");
        LockboxKeys.KeyFiles aEncryption = LockboxKeys.make(keys, "a-enc", "EC");
        LockboxKeys.KeyFiles bSigning = LockboxKeys.make(keys, "b-sign", "EC");
        LockboxKeys.KeyFiles bEncryption = LockboxKeys.make(keys, "b-enc", "EC");
        Path ownerData = directory.resolve("site-a");
        ownerArgs = new String[]{ownerData.toString(), "site-a", aSigning.privateKey().toString(),
                aEncryption.privateKey().toString(), Integer.toString(OWNER_PORT), Integer.toString(OWNER_KMIP_PORT),
                "site-b", bSigning.certificate().toString(), bEncryption.certificate().toString(), "-", "-"};
        owner = startOwner();
        Path edgeData = directory.resolve("site-b");
        edge = ServerJvm.start(edgeData.resolve("server.log"), Main.class, edgeData.toString(), "site-b",
                bSigning.privateKey().toString(), bEncryption.privateKey().toString(), Integer.toString(EDGE_PORT),
                Integer.toString(EDGE_KMIP_PORT), "site-a", aSigning.certificate().toString(),
                aEncryption.certificate().toString(), "https://" + DevMode.HOST + ":" + OWNER_PORT,
                ownerData.resolve(DevPki.CA_CERTIFICATE).toString());
        toOwner = HttpClient.newBuilder().sslContext(TlsContexts.client(ownerData.resolve(DevPki.CA_CERTIFICATE)))
                .build();
        toEdge = HttpClient.newBuilder().sslContext(TlsContexts.client(edgeData.resolve(DevPki.CA_CERTIFICATE)))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (owner != null) {
            owner.close();
        }
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void anEdgeQueuesItsReportsWhileTheOwnerIsDownAndDeliversThemOnceWhenItIsBack() throws Exception {
        String leaked = createAtOwner("leaked");
        String used = createAtOwner("used");
        lendToEdge(leaked);
        lendToEdge(used);

        owner.close();
        owner = null;
        for (int i = 0; i < 3; i++) {
            assertThat(send(toEdge, edge, "GET", "/v1/secrets/" + leaked + "/payload", null).statusCode())
                    .isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(send(toEdge, edge, "GET", "/v1/secrets/" + used + "/payload", null).statusCode())
                    .isEqualTo(200);
        }
        Path edgeData = directory.resolve("site-b");
        try (KmipClient kmip = KmipClient.connect(KmipClient.Config.of(DevMode.HOST, EDGE_KMIP_PORT,
                TlsContexts.client(edgeData.resolve(DevPki.CA_CERTIFICATE),
                        edgeData.resolve(DevMode.KMIP_CLIENT_CERTIFICATE), edgeData.resolve(DevMode.KMIP_CLIENT_KEY))))) {
            kmip.revoke(leaked, RevocationReasonCode.KEY_COMPROMISE, Optional.of("card skimmer found"));
        }
        assertThat(send(toEdge, edge, "GET", "/v1/secrets/" + leaked + "/payload", null).statusCode()).isEqualTo(403);
        // The job keeps trying while the owner is away.
        await("the edge noticed the owner is away", () -> log(edge).contains("edge reports: 'site-a' cannot reach"));

        owner = startOwner();
        await("the compromise reached the owner", () -> audit(leaked).contains("edge site-b reported a key compromise"));
        await("the uses reached the owner", () -> audit(used).contains("edge site-b reported 2 uses in all"));
        // Several passes later nothing more arrived: each was recorded once, and the edge stopped sending.
        Thread.sleep(4_000);
        assertThat(count(audit(leaked), "edge site-b reported a key compromise occurring at")).isEqualTo(1);
        assertThat(count(audit(leaked), "edge site-b reported 3 uses in all")).isEqualTo(1);
        assertThat(count(audit(used), "edge site-b reported 2 uses in all")).isEqualTo(1);
        assertThat(count(log(edge), "edge reports: delivered to 'site-a'")).isEqualTo(1);
        JsonNode atOwner = JSON.readTree(send(toOwner, owner, "GET", "/v1/secrets/" + used + "/edge-usage", null)
                .body()).get("edges");
        assertThat(atOwner.get(0).get("uses_total").asLong()).isEqualTo(2);
        // The compromise revoked the owner's own object (the revocation succeeded, else this event says refused).
        assertThat(audit(leaked)).contains(": revoked here");
    }

    private static ServerJvm startOwner() throws Exception {
        return ServerJvm.start(directory.resolve("site-a").resolve("server.log"), Main.class, ownerArgs);
    }

    private static String createAtOwner(String name) throws Exception {
        HttpResponse<String> created = send(toOwner, owner, "POST", "/v1/secrets", "{\"name\": \"" + name
                + "\", \"payload\": \"" + PAYLOAD + "\", \"payload_content_type\": \"application/octet-stream\", "
                + "\"payload_content_encoding\": \"base64\", \"algorithm\": \"aes\", \"bit_length\": 256}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String ref = JSON.readTree(created.body()).get("secret_ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static void lendToEdge(String id) throws Exception {
        HttpResponse<String> sealed = send(toOwner, owner, "POST", "/v1/secrets/" + id
                + "/lockbox?to=site-b&uses=10", "");
        assertThat(sealed.statusCode()).as(sealed.body()).isEqualTo(200);
        HttpResponse<String> imported = send(toEdge, edge, "POST", "/v1/lockboxes?replica=true",
                JSON.writeValueAsString(Map.of("lockbox", JSON.readTree(sealed.body()).get("lockbox").asText())));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
    }

    private static String audit(String id) {
        try {
            return send(toOwner, owner, "GET", "/v1/audit-events?object_id=" + id, null).body();
        } catch (Exception e) {
            return "";
        }
    }

    private static String log(ServerJvm server) {
        try {
            return String.join("\n", server.logLines());
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static HttpResponse<String> send(HttpClient http, ServerJvm server, String method, String path,
                                             String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.ready(0) + path))
                .header("X-Auth-Token", server.ready(1))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        } else if (path.endsWith("/payload")) {
            request.header("Accept", "application/octet-stream");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A server process: data directory, lockbox identity, signing key, encryption key, REST port, KMIP port, peer name,
     * peer signing and encryption certificates, peer URL and TLS CA ({@code -}: none). Reports to owners every second.
     * Prints {@code READY <base URL> <admin token of the dev project>}.
     */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            DonjonConfig dev = DevMode.config(Path.of(args[0]), false, Integer.parseInt(args[4]));
            DonjonConfig.Kmip kmip = dev.kmip();
            DonjonConfig config = new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(), dev.tls(),
                    dev.behindTlsProxy(), dev.database(), dev.masterKey(), dev.auth(), dev.limits(),
                    new DonjonConfig.Kmip(true, new DonjonConfig.Listen(DevMode.HOST, Integer.parseInt(args[5])),
                            kmip.certificate(), kmip.privateKey(), kmip.clientCas(), kmip.identities(),
                            kmip.maxMessageBytes(), kmip.idleTimeout(), kmip.leaseTime()),
                    dev.jobs(), new DonjonConfig.Lockbox(args[1], Path.of(args[2]), Path.of(args[3]),
                    Duration.ofMinutes(5), List.of(new DonjonConfig.LockboxPeer(args[6], Path.of(args[7]),
                    Path.of(args[8]), args[9].equals("-") ? null : args[9],
                    args[10].equals("-") ? null : Path.of(args[10]), false, null)), false, Duration.ofSeconds(1)),
                    dev.kmipStore(), dev.notifications());
            DonjonServer server = DonjonServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            String token = server.tokens().issue(DevMode.PROJECT, Set.of(Role.ADMIN), "tester", "test").token();
            System.out.println("READY " + server.publicUrl() + " " + token);
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
