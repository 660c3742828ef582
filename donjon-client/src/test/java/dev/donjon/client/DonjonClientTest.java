package dev.donjon.client;

import dev.donjon.server.app.TestServer;
import dev.donjon.server.domain.access.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed client against one real server (SQLite, HTTPS with the dev CA) shared by the class. */
class DonjonClientTest {
    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.sqlite(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static DonjonClient client(String project) {
        return client(ClientToken.of(server.token(project, Role.ADMIN)), 16);
    }

    private static DonjonClient client(ClientToken token, int cacheEntries) {
        return DonjonClient.builder().nodes(server.baseUrl()).sslContext(server.clientTls()).token(token)
                .keyCache(cacheEntries, Duration.ofMinutes(5)).build();
    }

    @Test
    void secretsAreStoredReadListedAndDeleted() {
        try (DonjonClient donjon = client("p-secrets")) {
            byte[] key = new byte[32];
            key[0] = 7;
            String id = donjon.secrets().store(SecretSpec.aesKey("db-key", key));
            String text = donjon.secrets().store(SecretSpec.text("db-password", "s3cret é"));

            SecretMetadata metadata = donjon.secrets().get(id);
            assertThat(metadata.name()).isEqualTo("db-key");
            assertThat(metadata.secretType()).isEqualTo("symmetric");
            assertThat(metadata.bitLength()).isEqualTo(256);
            assertThat(metadata.status()).isEqualTo("ACTIVE");
            assertThat(donjon.secrets().payload(id)).isEqualTo(key);
            assertThat(new String(donjon.secrets().payload(text), StandardCharsets.UTF_8)).isEqualTo("s3cret é");

            ListPage<SecretMetadata> page = donjon.secrets().list(null, 10, 0);
            assertThat(page.total()).isEqualTo(2);
            assertThat(page.items()).extracting(SecretMetadata::id).containsExactlyInAnyOrder(id, text);
            assertThat(donjon.secrets().list("db-password", 10, 0).items()).extracting(SecretMetadata::id)
                    .containsExactly(text);

            donjon.secrets().delete(id);
            assertThatThrownBy(() -> donjon.secrets().get(id)).isInstanceOfSatisfying(DonjonApiException.class,
                    refused -> assertThat(refused.status()).isEqualTo(404));
        }
    }

    @Test
    void ordersGenerateKeysOnTheServer() throws InterruptedException {
        try (DonjonClient donjon = client("p-orders")) {
            String order = donjon.orders().create("key", "generated", "aes", 256, "cbc");
            OrderInfo info = donjon.orders().get(order);
            for (int i = 0; i < 50 && !info.isActive(); i++) {
                Thread.sleep(100);
                info = donjon.orders().get(order);
            }
            assertThat(info.status()).isEqualTo("ACTIVE");
            assertThat(donjon.secrets().payload(info.secretId())).hasSize(32);
            assertThat(donjon.orders().list(10, 0).items()).extracting(OrderInfo::id).contains(order);
        }
    }

    @Test
    void containersAclsAndConsumers() {
        try (DonjonClient donjon = client("p-containers")) {
            String secret = donjon.secrets().store(SecretSpec.bytes("member", new byte[] {1, 2, 3}));
            String container = donjon.containers().create("bundle", "generic", Map.of("one", secret));
            ContainerInfo info = donjon.containers().get(container);
            assertThat(info.name()).isEqualTo("bundle");
            assertThat(info.secrets()).containsEntry("one", secret);
            assertThat(donjon.containers().list(10, 0).items()).extracting(ContainerInfo::id).contains(container);

            donjon.acls().set(Acls.Target.SECRET, secret, List.of("alice", "bob"), false);
            AclInfo acl = donjon.acls().get(Acls.Target.SECRET, secret);
            assertThat(acl.users()).containsExactlyInAnyOrder("alice", "bob");
            assertThat(acl.projectAccess()).isFalse();
            donjon.acls().delete(Acls.Target.SECRET, secret);
            assertThat(donjon.acls().get(Acls.Target.SECRET, secret).users()).isEmpty();

            Consumers.SecretConsumer consumer = new Consumers.SecretConsumer("nova", "instance", "vm-1");
            donjon.consumers().register(secret, consumer);
            assertThat(donjon.consumers().list(secret)).containsExactly(consumer);
            donjon.consumers().remove(secret, consumer);
            assertThat(donjon.consumers().list(secret)).isEmpty();

            Consumers.ContainerConsumer lb = new Consumers.ContainerConsumer("lbaas", "https://lb.example/1");
            donjon.consumers().register(container, lb);
            assertThat(donjon.consumers().listOfContainer(container)).containsExactly(lb);

            donjon.containers().delete(container);
            assertThatThrownBy(() -> donjon.containers().get(container)).isInstanceOf(DonjonApiException.class);
        }
    }

    @Test
    void cachedKeysAreDroppedWhenTheServerRefusesTheToken() {
        String token = server.token("p-cache", Role.ADMIN);
        try (DonjonClient donjon = client(ClientToken.of(token), 16)) {
            String id = donjon.secrets().store(SecretSpec.aesKey("k", new byte[16]));
            assertThat(donjon.keys().get(id)).hasSize(16);
            assertThat(donjon.keys().get(id)).hasSize(16);
            assertThat(donjon.keys().stats().hits()).isEqualTo(1);
            assertThat(donjon.keys().stats().size()).isEqualTo(1);

            server.server().tokens().revoke(new ClientToken(token, null).id());
            assertThatThrownBy(() -> donjon.secrets().list(null, 1, 0))
                    .isInstanceOfSatisfying(DonjonApiException.class, e -> assertThat(e.isUnauthorized()).isTrue());
            assertThat(donjon.keys().stats().size()).as("dropped on the 401").isZero();
            assertThatThrownBy(() -> donjon.keys().get(id)).isInstanceOf(DonjonApiException.class);
        }
    }

    @Test
    void cachedKeysDoNotOutliveTheTokensExpiry() throws InterruptedException {
        ClientToken shortLived = new ClientToken(server.token("p-expiry", Role.ADMIN),
                Instant.now().plusMillis(1500));
        try (DonjonClient donjon = client(shortLived, 16)) {
            String id = donjon.secrets().store(SecretSpec.aesKey("k", new byte[16]));
            donjon.keys().get(id);
            assertThat(donjon.keys().stats().size()).isEqualTo(1);
            Thread.sleep(Duration.between(Instant.now(), shortLived.expiresAt()).plusMillis(300));
            assertThat(donjon.keys().stats().size()).as("dropped at expiry, without a read").isZero();
            assertThatThrownBy(() -> donjon.keys().get(id)).isInstanceOfSatisfying(DonjonApiException.class,
                    e -> assertThat(e.getMessage()).contains("expired"));
        }
    }

    @Test
    void theCacheIsBoundedLeastRecentlyUsedFirst() {
        try (DonjonClient donjon = client(ClientToken.of(server.token("p-bound", Role.ADMIN)), 2)) {
            String a = donjon.secrets().store(SecretSpec.bytes("a", new byte[] {1}));
            String b = donjon.secrets().store(SecretSpec.bytes("b", new byte[] {2}));
            String c = donjon.secrets().store(SecretSpec.bytes("c", new byte[] {3}));
            donjon.keys().get(a);
            donjon.keys().get(b);
            donjon.keys().get(a);
            donjon.keys().get(c);   // evicts b, the least recently used
            assertThat(donjon.keys().stats().size()).isEqualTo(2);
            assertThat(donjon.keys().stats().evictions()).isEqualTo(1);
            donjon.keys().get(a);
            assertThat(donjon.keys().stats().hits()).isEqualTo(2);
            assertThat(donjon.keys().get(b)).containsExactly(2);
            assertThat(donjon.keys().stats().misses()).isEqualTo(4);
        }
    }

    @Test
    void anotherTokenStartsWithAnEmptyCache() {
        try (DonjonClient donjon = client("p-swap")) {
            String id = donjon.secrets().store(SecretSpec.bytes("a", new byte[] {1}));
            donjon.keys().get(id);
            donjon.useToken(ClientToken.of(server.token("p-swap", Role.ADMIN)));
            assertThat(donjon.keys().stats().size()).isZero();
        }
    }
}
