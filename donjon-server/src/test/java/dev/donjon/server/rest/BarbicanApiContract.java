package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Barbican's resources beyond secrets (issue 3) as Barbican 15.0.1 answers them in
 * {@code ../shared/reference/barbican/captures.md}, except where docs/barbican-compatibility.md records a deliberate
 * deviation. One real server over HTTPS per database engine; each test works in projects of its own.
 */
abstract class BarbicanApiContract extends ServerPerEngine {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String V11 = "key-manager 1.1";
    static final String V12 = "key-manager 1.2";
    static final String DENIED = " attempt not allowed - please review your user/project privileges";

    // ------------------------------------------------------------------------------------------------------------
    // Helpers

    static String newProject() {
        return "proj-" + UUID.randomUUID();
    }

    ApiClient freshProject() {
        return inProject(newProject());
    }

    ApiClient inProject(String project) {
        return api.withHeader("X-Project-Id", project);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad expected JSON: " + text, e);
        }
    }

    static JsonNode error(int code, String title, String description) {
        return MAPPER.createObjectNode().put("code", code).put("title", title).put("description", description);
    }

    static void assertError(ApiClient.Response response, int code, String title, String description) {
        assertThat(response.status()).as("%s", response).isEqualTo(code);
        assertThat(response.json()).as("%s", response).isEqualTo(error(code, title, description));
    }

    static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String secret(ApiClient client, String name) {
        ApiClient.Response response = client.post("/v1/secrets").json("{\"name\": " + quote(name)
                + ", \"payload\": \"p-" + name + "\", \"payload_content_type\": \"text/plain\"}").send();
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.json().get("secret_ref").asText();
    }

    static String ref(String name, String secretRef) {
        return "{\"name\": " + quote(name) + ", \"secret_ref\": " + quote(secretRef) + "}";
    }

    static String containerBody(String type, String name, String... refs) {
        return "{\"type\": " + quote(type) + (name == null ? "" : ", \"name\": " + quote(name))
                + ", \"secret_refs\": [" + String.join(", ", refs) + "]}";
    }

    static String container(ApiClient client, String body) {
        ApiClient.Response response = client.post("/v1/containers").json(body).send();
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        String containerRef = response.json().get("container_ref").asText();
        assertThat(response.header("Location")).isEqualTo(containerRef);
        return containerRef;
    }

    static String idOf(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    static List<String> names(JsonNode secretRefs) {
        List<String> names = new ArrayList<>();
        secretRefs.forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    static String schema(String schema, String detail, String property) {
        return "Provided object does not match schema '" + schema + "': " + detail + ". Invalid property: '"
                + property + "'";
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    class Containers {
        @Test
        void genericContainerIsCreatedReadAndListedWithItsRefsInOrder() {
            ApiClient client = freshProject();
            String password = secret(client, "password");
            String key = secret(client, "key");

            String containerRef = container(client, containerBody("generic", "gen", ref("password", password),
                    ref("key", key)));
            ApiClient.Response got = client.get(containerRef).send();

            assertThat(got.status()).isEqualTo(200);
            JsonNode doc = got.json();
            List<String> fields = new ArrayList<>();
            doc.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("created", "updated", "status", "name", "type", "creator_id",
                    "secret_refs", "consumers", "container_ref");
            assertThat(doc.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(doc.get("type").asText()).isEqualTo("generic");
            assertThat(doc.get("secret_refs")).isEqualTo(json("[" + ref("password", password) + ", "
                    + ref("key", key) + "]"));
            assertThat(doc.get("consumers")).isEqualTo(json("[]"));
            assertThat(doc.get("container_ref").asText()).isEqualTo(containerRef);
            assertThat(containerRef).startsWith(server.baseUrl() + "/v1/containers/");
        }

        @Test
        void rsaAndCertificateContainersCheckTheirReferenceNames() {
            ApiClient client = freshProject();
            String priv = secret(client, "priv");
            String pub = secret(client, "pub");
            String pass = secret(client, "pass");
            String cert = secret(client, "cert");

            container(client, containerBody("rsa", "rsa", ref("private_key", priv), ref("public_key", pub),
                    ref("private_key_passphrase", pass)));
            container(client, containerBody("certificate", "cert", ref("certificate", cert), ref("private_key", priv),
                    ref("intermediates", pub)));

            assertError(client.post("/v1/containers").json(containerBody("rsa", null, ref("private_key", priv)))
                    .send(), 400, "Bad Request", schema("Container", "The minimum required reference names are "
                    + "'public_key' and'private_key' for RSA type", "secret_refs"));
            assertError(client.post("/v1/containers").json(containerBody("rsa", null, ref("private_key", priv),
                    ref("public_key", pub), ref("foo", pass))).send(), 400, "Bad Request", schema("Container",
                    "only 'private_key', 'public_key' and 'private_key_passphrase' reference names are allowed for "
                            + "RSA type", "secret_refs"));
            assertError(client.post("/v1/containers").json(containerBody("certificate", null,
                    ref("private_key", priv))).send(), 400, "Bad Request", schema("Container", "The minimum "
                    + "required reference name is 'certificate' for Certificate type", "secret_refs"));
            assertError(client.post("/v1/containers").json("{\"type\": \"bogus\", \"secret_refs\": []}").send(), 400,
                    "Bad Request", schema("Container", "'bogus' is not one of ['generic', 'rsa', 'certificate']",
                            "type"));
            assertError(client.post("/v1/containers").json(containerBody("generic", null, ref("a", priv),
                    ref("a", pub))).send(), 400, "Bad Request", schema("Container",
                    "Duplicate reference names are not allowed", "secret_refs"));
        }

        @Test
        void aMissingOrForeignSecretIsRefusedAndNothingIsCreated() {
            ApiClient owner = freshProject();
            ApiClient other = freshProject();
            String foreign = secret(owner, "foreign");

            assertError(other.post("/v1/containers").json(containerBody("generic", null, ref("x", foreign))).send(),
                    404, "Not Found", "Secret provided for 'x' doesn't exist.");
            assertError(other.post("/v1/containers").json(containerBody("generic", null, ref("y",
                    server.baseUrl() + "/v1/secrets/00000000-0000-0000-0000-000000000000"))).send(), 404,
                    "Not Found", "Secret provided for 'y' doesn't exist.");
            assertError(other.post("/v1/containers").json(containerBody("generic", null, ref("z",
                    server.baseUrl() + "/v1/secrets/not-a-uuid"))).send(), 404, "Not Found",
                    "Secret provided for 'z' doesn't exist.");
            assertThat(other.get("/v1/containers").send().json().get("total").asLong()).isZero();
        }

        @Test
        void genericContainersTakeAndLoseSecretsOthersRefuse() {
            ApiClient client = freshProject();
            String a = secret(client, "a");
            String b = secret(client, "b");
            String generic = container(client, containerBody("generic", "g", ref("a", a)));
            String rsa = container(client, containerBody("rsa", "r", ref("private_key", a), ref("public_key", b)));

            ApiClient.Response added = client.post(generic + "/secrets").json(ref("extra", b)).send();
            assertThat(added.status()).isEqualTo(201);
            assertThat(added.json()).isEqualTo(json("{\"container_ref\": " + quote(generic) + "}"));
            assertThat(added.header("Location")).isEqualTo(generic);
            assertError(client.post(generic + "/secrets").json(ref("extra", b)).send(), 409, "Conflict",
                    "Conflict. A secret with that name and ID is already stored in this container. The same secret "
                            + "can exist in a container as long as the name is unique.");
            assertThat(names(client.get(generic).send().json().get("secret_refs"))).containsExactly("a", "extra");

            assertThat(client.delete(generic + "/secrets").json(ref("extra", b)).send().status()).isEqualTo(204);
            assertThat(names(client.get(generic).send().json().get("secret_refs"))).containsExactly("a");
            assertError(client.post(rsa + "/secrets").json(ref("x", b)).send(), 400, "Bad Request",
                    "Only 'generic' containers can be modified.");
        }

        @Test
        void deletingASecretDropsItFromItsContainers() {
            ApiClient client = freshProject();
            String priv = secret(client, "priv");
            String pub = secret(client, "pub");
            String pass = secret(client, "pass");
            String rsa = container(client, containerBody("rsa", "rsa", ref("private_key", priv),
                    ref("public_key", pub), ref("private_key_passphrase", pass)));

            assertThat(client.delete(pass).send().status()).isEqualTo(204);

            assertThat(names(client.get(rsa).send().json().get("secret_refs")))
                    .containsExactly("private_key", "public_key");
        }

        @Test
        void listingPagesFiltersAndIsConfinedToTheProject() {
            ApiClient client = freshProject();
            String s = secret(client, "s");
            container(client, containerBody("generic", "gen", ref("k", s)));
            container(client, containerBody("certificate", "cert", ref("certificate", s)));
            container(client, containerBody("rsa", "rsa", ref("private_key", s), ref("public_key", secret(client, "p"))));

            JsonNode page = client.get("/v1/containers?limit=2").send().json();
            assertThat(page.get("containers")).hasSize(2);
            assertThat(page.get("total").asLong()).isEqualTo(3);
            assertThat(page.get("next").asText()).isEqualTo(server.baseUrl() + "/v1/containers?limit=2&offset=2");
            assertThat(page.has("previous")).isFalse();
            JsonNode rsa = client.get("/v1/containers?type=rsa").send().json();
            assertThat(rsa.get("total").asLong()).isEqualTo(1);
            assertThat(rsa.get("containers").get(0).get("name").asText()).isEqualTo("rsa");
            assertThat(client.get("/v1/containers?name=gen").send().json().get("total").asLong()).isEqualTo(1);
            assertThat(freshProject().get("/v1/containers").send().json())
                    .isEqualTo(json("{\"containers\": [], \"total\": 0}"));
        }

        @Test
        void anotherProjectsContainerIsRefusedAndDeletedOnesAreGone() {
            ApiClient owner = freshProject();
            String s = secret(owner, "s");
            String generic = container(owner, containerBody("generic", "g", ref("k", s)));

            ApiClient other = freshProject();
            assertError(other.get(generic).send(), 403, "Forbidden", "Container retrieval" + DENIED);
            assertError(other.delete(generic).send(), 403, "Forbidden", "Container deletion" + DENIED);
            assertThat(owner.delete(generic).send().status()).isEqualTo(204);
            assertError(owner.get(generic).send(), 404, "Not Found", "Secrets container not found.");
            assertError(owner.get("/v1/containers/bogus").send(), 404, "Not Found", "Secrets container not found.");
        }

        @Test
        void aSecretIsInAContainerOnce() {
            ApiClient client = freshProject();
            String s = secret(client, "s");

            assertError(client.post("/v1/containers").json(containerBody("generic", "g", ref("a", s), ref("b", s),
                    ref("c", s))).send(), 400, "Bad Request",
                    schema("Container", "Duplicate secret ids are not allowed", "secret_refs"));
            assertError(client.post("/v1/containers").json(containerBody("rsa", "r", ref("private_key", s),
                    ref("public_key", s))).send(), 400, "Bad Request",
                    schema("Container", "Duplicate secret ids are not allowed", "secret_refs"));
            assertThat(client.get("/v1/containers").send().json().get("total").asLong()).isZero();
        }

        @Test
        void rolesFollowBarbicansPolicy() {
            String project = newProject();
            ApiClient admin = inProject(project);
            String s = secret(admin, "s");
            String generic = container(admin, containerBody("generic", "g", ref("k", s)));

            ApiClient observer = admin.withHeader("X-Roles", "observer");
            ApiClient audit = admin.withHeader("X-Roles", "audit");
            ApiClient creator = admin.withHeader("X-Roles", "creator");
            assertError(observer.post("/v1/containers").json(containerBody("generic", null)).send(), 403,
                    "Forbidden", "Container creation attempt not allowed - please review your user/project "
                            + "privileges");
            assertThat(observer.get(generic).send().status()).isEqualTo(200);
            assertThat(audit.get(generic).send().status()).isEqualTo(200);
            assertError(audit.get("/v1/containers").send(), 403, "Forbidden", "Containers(s) retrieval attempt not "
                    + "allowed - please review your user/project privileges");
            assertThat(creator.post("/v1/containers").json(containerBody("generic", null)).send().status())
                    .isEqualTo(201);
        }

        @Test
        void malformedBodiesAnswerInBarbicansWords() {
            ApiClient client = freshProject();
            assertError(client.post("/v1/containers").json("[1]").send(), 400, "Bad Request",
                    schema("Container", "[1] is not of type 'object'", "None"));
            assertError(client.post("/v1/containers").json("{").send(), 400, "Bad Request", "Malformed JSON");
            assertError(client.post("/v1/containers").contentType("text/plain").body("{}".getBytes()).send(), 415,
                    "Unsupported Media Type", "Unexpected content type. Expected content types are: "
                            + "['application/json']");
            ApiClient.Response wrongMethod = client.put("/v1/containers").json("{}").send();
            assertThat(wrongMethod.status()).isEqualTo(405);
        }
    }

    @Nested
    class ContainerConsumers {
        @Test
        void consumersRegisterIdempotentlyListAndRemove() {
            ApiClient client = freshProject();
            String s = secret(client, "s");
            String generic = container(client, containerBody("generic", "gen", ref("k", s)));
            String consumer = "{\"name\": \"lbaas\", \"URL\": \"http://lb.example/1\"}";

            ApiClient.Response first = client.post(generic + "/consumers").json(consumer).send();
            ApiClient.Response again = client.post(generic + "/consumers").json(consumer).send();

            for (ApiClient.Response response : List.of(first, again)) {
                assertThat(response.status()).as("%s", response).isEqualTo(200);
                assertThat(response.json().get("consumers")).isEqualTo(json("[" + consumer + "]"));
                assertThat(response.json().get("container_ref").asText()).isEqualTo(generic);
                assertThat(response.header("Location")).isEqualTo(generic + "/consumers");
            }
            JsonNode listed = client.get(generic + "/consumers").send().json();
            assertThat(listed.get("total").asLong()).isEqualTo(1);
            JsonNode item = listed.get("consumers").get(0);
            assertThat(item.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(item.get("name").asText()).isEqualTo("lbaas");
            assertThat(item.get("URL").asText()).isEqualTo("http://lb.example/1");
            assertThat(item.has("created")).isTrue();
            assertThat(client.get(generic).send().json().get("consumers")).isEqualTo(json("[" + consumer + "]"));
            assertThat(client.get("/v1/containers").send().json().get("containers").get(0).get("consumers"))
                    .isEqualTo(json("[" + consumer + "]"));

            ApiClient.Response removed = client.delete(generic + "/consumers").json(consumer).send();
            assertThat(removed.status()).isEqualTo(200);
            assertThat(removed.json().get("consumers")).isEqualTo(json("[]"));
            assertError(client.delete(generic + "/consumers").json(consumer).send(), 404, "Not Found",
                    "Consumer not found.");
            assertError(client.post(generic + "/consumers").json("{\"name\": \"lbaas\"}").send(), 400,
                    "Bad Request", schema("Consumer", "'URL' is a required property", "None"));
        }

        @Test
        void anotherProjectCannotRegisterOnAContainer() {
            ApiClient owner = freshProject();
            String generic = container(owner, containerBody("generic", "g", ref("k", secret(owner, "s"))));

            assertError(freshProject().post(generic + "/consumers").json("{\"name\": \"n\", \"URL\": \"u\"}")
                    .send(), 403, "Forbidden", "ContainerConsumer creation" + DENIED);
        }

        @Test
        void aConsumerNeedsANameOf1To36AndAUrlOf1To255Characters() {
            ApiClient client = freshProject();
            String generic = container(client, containerBody("generic", "g", ref("k", secret(client, "s"))));

            assertError(client.post(generic + "/consumers").json("{\"name\": \"\", \"URL\": \"u\"}").send(), 400,
                    "Bad Request", schema("Consumer", "'' is too short", "name"));
            assertError(client.post(generic + "/consumers").json("{\"name\": \"n\", \"URL\": \"  \"}").send(),
                    400, "Bad Request", schema("Consumer", "'' is too short", "URL"));
            String longName = "n".repeat(37);
            assertError(client.post(generic + "/consumers").json("{\"name\": \"" + longName + "\", \"URL\": \"u\"}")
                    .send(), 400, "Bad Request", schema("Consumer", "'" + longName + "' is too long", "name"));
            assertThat(client.post(generic + "/consumers").json("{\"name\": \"" + "n".repeat(36)
                    + "\", \"URL\": \"u\"}").send().status()).isEqualTo(200);
            assertThat(client.get(generic + "/consumers").send().json().get("total").asLong()).isEqualTo(1);
        }

        @Test
        void aConsumerRegisteredThroughAnAclIsRemovedOnlyByItsProjectOrTheOwners() {
            String project = newProject();
            ApiClient owner = inProject(project);
            String generic = container(owner, containerBody("generic", "g", ref("k", secret(owner, "s"))));
            owner.put(generic + "/acl").json("{\"read\": {\"users\": [\"user-b\", \"user-c\"]}}").send();
            ApiClient userB = freshProject().withHeader("X-Roles", "observer").withHeader("X-User-Id", "user-b");
            ApiClient userC = freshProject().withHeader("X-Roles", "admin").withHeader("X-User-Id", "user-c");
            String ownersConsumer = "{\"name\": \"owner-lb\", \"URL\": \"http://lb/1\"}";
            String bsConsumer = "{\"name\": \"b-lb\", \"URL\": \"http://lb/2\"}";
            assertThat(owner.post(generic + "/consumers").json(ownersConsumer).send().status()).isEqualTo(200);
            assertThat(userB.post(generic + "/consumers").json(bsConsumer).send().status()).isEqualTo(200);
            assertThat(userB.get(generic + "/consumers").send().json().get("total").asLong()).isEqualTo(2);

            // Listed in the ACL, users of other projects register and read consumers, but remove only their own.
            assertError(userB.delete(generic + "/consumers").json(ownersConsumer).send(), 403, "Forbidden",
                    "Not Allowed. Sorry, only the creator of a consumer can delete it.");
            assertError(userC.delete(generic + "/consumers").json(bsConsumer).send(), 403, "Forbidden",
                    "Not Allowed. Sorry, only the creator of a consumer can delete it.");
            assertThat(userB.delete(generic + "/consumers").json(bsConsumer).send().status()).isEqualTo(200);
            assertThat(userB.post(generic + "/consumers").json(bsConsumer).send().status()).isEqualTo(200);
            // The owning project removes any consumer of its container.
            assertThat(owner.delete(generic + "/consumers").json(bsConsumer).send().status()).isEqualTo(200);
            assertThat(owner.get(generic + "/consumers").send().json().get("total").asLong()).isEqualTo(1);
        }
    }

    @Nested
    class SecretConsumers {
        static final String CONSUMER =
                "{\"service\": \"image\", \"resource_type\": \"image\", \"resource_id\": \"img-1\"}";

        @Test
        void consumersRegisterListShowInTheSecretAt11AndRemove() {
            ApiClient client = freshProject();
            String secret = secret(client, "aes-key");

            ApiClient.Response posted = client.post(secret + "/consumers").json(CONSUMER).send();
            assertThat(posted.status()).isEqualTo(200);
            assertThat(posted.json().get("consumers")).isEqualTo(json("[" + CONSUMER + "]"));
            assertThat(posted.json().get("secret_ref").asText()).isEqualTo(secret);
            assertThat(client.post(secret + "/consumers").header("OpenStack-API-Version", V11).json(CONSUMER)
                    .send().status()).isEqualTo(200);

            JsonNode listed = client.get(secret + "/consumers").header("OpenStack-API-Version", V11).send().json();
            assertThat(listed.get("total").asLong()).isEqualTo(1);
            assertThat(listed.get("consumers").get(0).get("resource_id").asText()).isEqualTo("img-1");
            assertThat(listed.get("consumers").get(0).get("status").asText()).isEqualTo("ACTIVE");
            assertThat(client.get(secret).header("OpenStack-API-Version", V11).send().json().get("consumers"))
                    .isEqualTo(json("[" + CONSUMER + "]"));
            assertThat(client.get(secret).send().json().has("consumers")).isFalse();
            JsonNode list = client.get("/v1/secrets?name=aes-key").header("OpenStack-API-Version", V11).send().json();
            assertThat(list.get("secrets").get(0).get("consumers")).isEqualTo(json("[" + CONSUMER + "]"));

            ApiClient.Response removed = client.delete(secret + "/consumers").header("OpenStack-API-Version", V11)
                    .json(CONSUMER).send();
            assertThat(removed.status()).isEqualTo(200);
            assertThat(removed.json().get("consumers")).isEqualTo(json("[]"));
            assertError(client.delete(secret + "/consumers").json(CONSUMER).send(), 404, "Not Found",
                    "Consumer not found.");
        }

        @Test
        void missingPropertiesAreSchemaErrors() {
            ApiClient client = freshProject();
            String secret = secret(client, "s");

            assertError(client.post(secret + "/consumers").header("OpenStack-API-Version", V11)
                    .json("{\"service\": \"image\", \"resource_type\": \"image\"}").send(), 400, "Bad Request",
                    schema("Secret Consumer", "'resource_id' is a required property", "None"));
        }

        @Test
        void deleteBelow12IgnoresConsumersAsBarbican15Does() {
            ApiClient client = freshProject();
            String secret = secret(client, "s");
            client.post(secret + "/consumers").json(CONSUMER).send();

            assertThat(client.delete(secret).header("OpenStack-API-Version", V11).send().status()).isEqualTo(204);
        }

        @Test
        void deleteAt12RefusesASecretInUseUnlessForced() {
            ApiClient client = freshProject();
            String secret = secret(client, "s");
            client.post(secret + "/consumers").json(CONSUMER).send();

            assertError(client.delete(secret).header("OpenStack-API-Version", V12).send(), 409, "Conflict",
                    "Secret has consumers! Remove them first or use the force parameter to delete it.");
            assertThat(client.get(secret).send().status()).isEqualTo(200);
            assertThat(client.delete(secret + "?force=true").header("OpenStack-API-Version", V12).send().status())
                    .isEqualTo(204);
            assertThat(client.get(secret).send().status()).isEqualTo(404);
        }

        @Test
        void deleteAt12OfASecretWithoutConsumersSucceeds() {
            ApiClient client = freshProject();
            String secret = secret(client, "s");

            assertThat(client.delete(secret).header("OpenStack-API-Version", V12).send().status()).isEqualTo(204);
        }

        @Test
        void anotherProjectsSecretConsumersAreRefused() {
            ApiClient owner = freshProject();
            String secret = secret(owner, "s");

            assertError(freshProject().get(secret + "/consumers").send(), 403, "Forbidden",
                    "SecretConsumers(s) retrieval" + DENIED);
            assertError(freshProject().post(secret + "/consumers").json(CONSUMER).send(), 403, "Forbidden",
                    "SecretConsumer creation" + DENIED);
        }

        @Test
        void everyConsumerFieldIsNonEmpty() {
            ApiClient client = freshProject();
            String secret = secret(client, "s");

            assertError(client.post(secret + "/consumers").json("{\"service\": \"\", \"resource_type\": \"image\", "
                    + "\"resource_id\": \"i\"}").send(), 400, "Bad Request",
                    schema("Secret Consumer", "'' is too short", "service"));
            assertError(client.post(secret + "/consumers").json("{\"service\": \"image\", \"resource_type\": \"image\", "
                    + "\"resource_id\": \"\"}").send(), 400, "Bad Request",
                    schema("Secret Consumer", "'' is too short", "resource_id"));
        }

        @Test
        void aConsumerRegisteredThroughAnAclIsRemovedOnlyByItsProjectOrTheOwners() {
            ApiClient owner = freshProject();
            String secret = secret(owner, "s");
            owner.put(secret + "/acl").json("{\"read\": {\"users\": [\"user-b\"]}}").send();
            ApiClient userB = freshProject().withHeader("X-Roles", "observer").withHeader("X-User-Id", "user-b");
            String bsConsumer = "{\"service\": \"image\", \"resource_type\": \"image\", \"resource_id\": \"b\"}";
            assertThat(owner.post(secret + "/consumers").json(CONSUMER).send().status()).isEqualTo(200);
            assertThat(userB.post(secret + "/consumers").json(bsConsumer).send().status()).isEqualTo(200);

            assertError(userB.delete(secret + "/consumers").json(CONSUMER).send(), 403, "Forbidden",
                    "Not Allowed. Sorry, only the creator of a consumer can delete it.");
            assertThat(userB.delete(secret + "/consumers").json(bsConsumer).send().status()).isEqualTo(200);
            assertThat(userB.post(secret + "/consumers").json(bsConsumer).send().status()).isEqualTo(200);
            assertThat(owner.delete(secret + "/consumers").json(bsConsumer).send().status()).isEqualTo(200);
            assertThat(owner.get(secret + "/consumers").send().json().get("total").asLong()).isEqualTo(1);
        }
    }

    @Nested
    class Orders {
        String order(ApiClient client, String body) {
            ApiClient.Response response = client.post("/v1/orders").json(body).send();
            assertThat(response.status()).as("%s", response).isEqualTo(202);
            String orderRef = response.json().get("order_ref").asText();
            assertThat(response.header("Location")).isEqualTo(orderRef);
            return orderRef;
        }

        @Test
        void aesKeyOrderIsActiveWithAGeneratedSecret() {
            ApiClient client = freshProject();
            String orderRef = order(client, "{\"type\": \"key\", \"meta\": {\"name\": \"gen-aes\", \"algorithm\": "
                    + "\"aes\", \"bit_length\": 256, \"mode\": \"cbc\", \"payload_content_type\": "
                    + "\"application/octet-stream\"}}");

            JsonNode order = client.get(orderRef).send().json();
            List<String> fields = new ArrayList<>();
            order.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("created", "updated", "status", "type", "meta", "sub_status",
                    "sub_status_message", "secret_ref", "order_ref");
            assertThat(order.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(order.get("meta")).isEqualTo(json("{\"name\": \"gen-aes\", \"algorithm\": \"aes\", "
                    + "\"bit_length\": 256, \"mode\": \"cbc\", \"payload_content_type\": \"application/octet-stream\", "
                    + "\"expiration\": null}"));
            assertThat(order.get("sub_status").asText()).isEqualTo("Unknown");
            String secretRef = order.get("secret_ref").asText();
            JsonNode secret = client.get(secretRef).send().json();
            assertThat(secret.get("secret_type").asText()).isEqualTo("symmetric");
            assertThat(secret.get("algorithm").asText()).isEqualTo("aes");
            assertThat(secret.get("bit_length").asInt()).isEqualTo(256);
            assertThat(secret.get("mode").asText()).isEqualTo("cbc");
            assertThat(secret.get("name").asText()).isEqualTo("gen-aes");
            assertThat(secret.get("content_types")).isEqualTo(json("{\"default\": \"application/octet-stream\"}"));
            ApiClient.Response payload = client.get(secretRef + "/payload").accept("application/octet-stream").send();
            assertThat(payload.body()).hasSize(32);
        }

        @Test
        void keySizesAndHmacKeysAreGenerated() {
            ApiClient client = freshProject();
            for (int bits : new int[] {128, 192}) {
                String orderRef = order(client, "{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", "
                        + "\"bit_length\": " + bits + "}}");
                String secretRef = client.get(orderRef).send().json().get("secret_ref").asText();
                assertThat(client.get(secretRef + "/payload").accept("application/octet-stream").send().body())
                        .hasSize(bits / 8);
            }
            String hmac = order(client, "{\"type\": \"key\", \"meta\": {\"algorithm\": \"hmacsha256\", "
                    + "\"bit_length\": 256, \"payload_content_type\": \"application/octet-stream\"}}");
            assertThat(client.get(hmac).send().json().get("status").asText()).isEqualTo("ACTIVE");
        }

        @Test
        void rsaOrderMakesAnRsaContainerOfPemKeys() {
            ApiClient client = freshProject();
            String orderRef = order(client, "{\"type\": \"asymmetric\", \"meta\": {\"name\": \"gen-rsa\", "
                    + "\"algorithm\": \"rsa\", \"bit_length\": 2048, \"payload_content_type\": "
                    + "\"application/octet-stream\"}}");

            JsonNode order = client.get(orderRef).send().json();
            assertThat(order.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(order.has("secret_ref")).isFalse();
            String containerRef = order.get("container_ref").asText();
            JsonNode container = client.get(containerRef).send().json();
            assertThat(container.get("type").asText()).isEqualTo("rsa");
            assertThat(container.get("name").asText()).isEqualTo("gen-rsa");
            assertThat(names(container.get("secret_refs"))).containsExactly("public_key", "private_key");
            String publicRef = container.get("secret_refs").get(0).get("secret_ref").asText();
            String privateRef = container.get("secret_refs").get(1).get("secret_ref").asText();
            assertThat(client.get(publicRef + "/payload").accept("application/octet-stream").send().text())
                    .startsWith("-----BEGIN PUBLIC KEY-----");
            assertThat(client.get(privateRef + "/payload").accept("application/octet-stream").send().text())
                    .startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(client.get(publicRef).send().json().get("secret_type").asText()).isEqualTo("public");
            assertThat(client.get(privateRef).send().json().get("secret_type").asText()).isEqualTo("private");
        }

        @Test
        void passphraseProtectsThePrivateKeyAndIsNeverShownInTheOrder() {
            ApiClient client = freshProject();
            String orderRef = order(client, "{\"type\": \"asymmetric\", \"meta\": {\"name\": \"gen-rsa-pp\", "
                    + "\"algorithm\": \"rsa\", \"bit_length\": 2048, \"passphrase\": \"changeit\"}}");

            JsonNode order = client.get(orderRef).send().json();
            assertThat(order.get("meta").has("passphrase")).isFalse();
            assertThat(order.toString()).doesNotContain("changeit");
            JsonNode container = client.get(order.get("container_ref").asText()).send().json();
            assertThat(names(container.get("secret_refs")))
                    .containsExactly("public_key", "private_key", "private_key_passphrase");
            String privateRef = container.get("secret_refs").get(1).get("secret_ref").asText();
            String passphraseRef = container.get("secret_refs").get(2).get("secret_ref").asText();
            assertThat(client.get(privateRef + "/payload").accept("application/octet-stream").send().text())
                    .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
            assertThat(client.get(passphraseRef + "/payload").accept("text/plain").send().text())
                    .isEqualTo("changeit");
        }

        @Test
        void ellipticCurveAndEd25519AreDonjonExtensions() {
            ApiClient client = freshProject();
            for (String meta : List.of("\"algorithm\": \"ec\", \"bit_length\": 256",
                    "\"algorithm\": \"ec\", \"bit_length\": 384", "\"algorithm\": \"ed25519\"")) {
                String orderRef = order(client, "{\"type\": \"asymmetric\", \"meta\": {" + meta + "}}");
                JsonNode order = client.get(orderRef).send().json();
                assertThat(order.get("status").asText()).as(meta).isEqualTo("ACTIVE");
                assertThat(order.has("container_ref")).isTrue();
            }
        }

        @Test
        void keyLengthsBarbicanTakesAreAcceptedAndEndInErrorUnlessTheyMakeAKeyOfTheAlgorithm() {
            ApiClient client = freshProject();
            for (int bits : new int[] {8, 64, 1024, 2048, 4096}) {
                JsonNode order = client.get(order(client, "{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", "
                        + "\"bit_length\": " + bits + "}}")).send().json();
                assertThat(order.get("status").asText()).as("aes %d", bits).isEqualTo("ERROR");
                assertThat(order.get("error_status_code").asText()).isEqualTo("400");
                assertThat(order.get("error_reason").asText())
                        .isEqualTo("Process TypeOrder issue seen - Secret generate supported plugin not found..");
            }
            for (String meta : List.of("\"algorithm\": \"des\", \"bit_length\": 64",
                    "\"algorithm\": \"hmacsha256\", \"bit_length\": 64",
                    "\"algorithm\": \"3des\", \"bit_length\": 256",
                    "\"algorithm\": \"hmacsha256\", \"bit_length\": 512, \"mode\": \"xts\"")) {
                JsonNode order = client.get(order(client, "{\"type\": \"key\", \"meta\": {" + meta + "}}")).send()
                        .json();
                assertThat(order.get("status").asText()).as(meta).isEqualTo("ERROR");
            }
            assertThat(client.get("/v1/secrets").send().json().get("total").asLong()).isZero();
        }

        @Test
        void xtsKeysAreTwiceTheLengthAndTripleDesKeysCountTheirParityBits() {
            ApiClient client = freshProject();
            Map<String, Integer> expectedBytes = new LinkedHashMap<>();
            expectedBytes.put("\"algorithm\": \"aes\", \"bit_length\": 512, \"mode\": \"xts\"", 64);
            expectedBytes.put("\"algorithm\": \"aes\", \"bit_length\": 256, \"mode\": \"XTS\"", 32);
            expectedBytes.put("\"algorithm\": \"3des\", \"bit_length\": 192", 24);
            expectedBytes.put("\"algorithm\": \"3des\", \"bit_length\": 128", 16);
            expectedBytes.put("\"algorithm\": \"hmacsha512\", \"bit_length\": 128", 16);
            expectedBytes.forEach((meta, bytes) -> {
                JsonNode order = client.get(order(client, "{\"type\": \"key\", \"meta\": {" + meta + "}}")).send()
                        .json();
                assertThat(order.get("status").asText()).as(meta).isEqualTo("ACTIVE");
                String secretRef = order.get("secret_ref").asText();
                assertThat(client.get(secretRef + "/payload").accept("application/octet-stream").send().body())
                        .as(meta).hasSize(bytes);
                assertThat(client.get(secretRef).send().json().get("bit_length").asInt()).isEqualTo(bytes * 8);
            });
        }

        @Test
        void aKeyOrderTakesNoPayloadAndOnlyASupportedPayloadContentType() {
            ApiClient client = freshProject();
            String key = "\"algorithm\": \"aes\", \"bit_length\": 256";
            for (String payload : List.of("\"blarg!\"", "\"\"", "123", "[\"array\"]", "null", "\"AAAA\"")) {
                assertError(client.post("/v1/orders").json("{\"type\": \"key\", \"meta\": {" + key
                        + ", \"payload\": " + payload + "}}").send(), 400, "Bad Request",
                        schema("Order", "'payload' not allowed for key type order", "meta"));
            }
            for (String type : List.of("invalid", "text", "text/")) {
                assertError(client.post("/v1/orders").json("{\"type\": \"key\", \"meta\": {" + key
                        + ", \"payload_content_type\": \"" + type + "\"}}").send(), 400, "Bad Request",
                        schema("Order.Secret", "payload_content_type is not one of ['text/plain', "
                                + "'text/plain;charset=utf-8', 'text/plain; charset=utf-8', "
                                + "'application/octet-stream', 'application/pkcs8']", "payload_content_type"));
            }
            assertThat(client.get("/v1/orders").send().json().get("total").asLong()).isZero();
            for (String type : List.of("", "text/plain", "text/plain; charset=utf-8", "application/octet-stream")) {
                order(client, "{\"type\": \"key\", \"meta\": {" + key + ", \"payload_content_type\": \"" + type
                        + "\"}}");
            }
            assertError(client.post("/v1/orders").json("{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", "
                    + "\"bit_length\": 129}}").send(), 400, "Bad Request", "Provided field value is not supported");
            assertError(client.post("/v1/orders").json("{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\"}}")
                    .send(), 400, "Bad Request",
                    schema("Order", "'bit_length' is required field for key type order", "meta"));
        }

        @Test
        void expirationsAreReadAsBarbicansIso8601ParserReadsThem() {
            ApiClient client = freshProject();
            LocalDateTime inTwoDays = LocalDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(123456000);
            for (String expiration : List.of(inTwoDays + "-05:00", inTwoDays.toString().replace('T', ' ') + "+01",
                    inTwoDays.toString().replace('T', ' ') + "+0000", inTwoDays.withNano(0) + "Z")) {
                JsonNode order = client.get(order(client, "{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", "
                        + "\"bit_length\": 256, \"expiration\": \"" + expiration + "\"}}")).send().json();
                assertThat(order.get("status").asText()).as(expiration).isEqualTo("ACTIVE");
            }
            assertError(client.post("/v1/orders").json("{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", "
                    + "\"bit_length\": 256, \"expiration\": \"" + inTwoDays + "-5:00\"}}").send(), 400,
                    "Bad Request", schema("Order", "Invalid date for 'expiration'", "expiration"));
        }

        @Test
        void unsupportedAlgorithmsEndInErrorWithoutLeavingSecrets() {
            ApiClient client = freshProject();
            String badKey = order(client, "{\"type\": \"key\", \"meta\": {\"algorithm\": \"foo\", \"bit_length\": 256, "
                    + "\"payload_content_type\": \"application/octet-stream\"}}");
            String badCurve = order(client, "{\"type\": \"asymmetric\", \"meta\": {\"algorithm\": \"ec\", "
                    + "\"bit_length\": 192}}");
            String dsa = order(client, "{\"type\": \"asymmetric\", \"meta\": {\"algorithm\": \"dsa\", "
                    + "\"bit_length\": 2048}}");
            String hugeRsa = order(client, "{\"type\": \"asymmetric\", \"meta\": {\"algorithm\": \"rsa\", "
                    + "\"bit_length\": 8192}}");

            JsonNode failed = client.get(badKey).send().json();
            List<String> fields = new ArrayList<>();
            failed.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("created", "updated", "status", "type", "meta", "error_status_code",
                    "error_reason", "order_ref");
            assertThat(failed.get("status").asText()).isEqualTo("ERROR");
            assertThat(failed.get("error_status_code").asText()).isEqualTo("400");
            assertThat(failed.get("error_reason").asText())
                    .isEqualTo("Process TypeOrder issue seen - Secret generate supported plugin not found..");
            assertThat(failed.get("meta")).isEqualTo(json("{\"algorithm\": \"foo\", \"bit_length\": 256, "
                    + "\"payload_content_type\": \"application/octet-stream\", \"name\": null, \"expiration\": null}"));
            for (String ref : List.of(badCurve, dsa, hugeRsa)) {
                JsonNode order = client.get(ref).send().json();
                assertThat(order.get("status").asText()).isEqualTo("ERROR");
                assertThat(order.get("error_reason").asText())
                        .isEqualTo("Process TypeOrder issue seen - Requested algorithm is not supported.");
            }
            assertThat(client.get("/v1/secrets").send().json().get("total").asLong()).isZero();
            assertThat(client.get("/v1/containers").send().json().get("total").asLong()).isZero();
        }

        @Test
        void invalidOrdersAreRefusedUpFront() {
            ApiClient client = freshProject();
            assertError(client.post("/v1/orders").json("{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", "
                    + "\"bit_length\": 100}}").send(), 400, "Bad Request", "Provided field value is not supported");
            assertError(client.post("/v1/orders").json("{\"type\": \"key\"}").send(), 400, "Bad Request",
                    schema("Order", "'meta' is a required property", "meta"));
            assertError(client.post("/v1/orders").json("{\"type\": \"bogus\", \"meta\": {}}").send(), 400,
                    "Bad Request", schema("Order", "'bogus' is not one of ['key', 'asymmetric', 'certificate']",
                            "type"));
            assertError(client.post("/v1/orders").json("{\"type\": \"certificate\", \"meta\": {}}").send(), 400,
                    "Bad Request", "Missing required metadata field for request_data");
            assertThat(client.get("/v1/orders").send().json().get("total").asLong()).isZero();
        }

        @Test
        void ordersListPageAndDeleteWithoutTheirSecrets() {
            ApiClient client = freshProject();
            String first = order(client, "{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", \"bit_length\": 128}}");
            order(client, "{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", \"bit_length\": 128}}");
            order(client, "{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", \"bit_length\": 128}}");

            JsonNode page = client.get("/v1/orders?limit=2").send().json();
            assertThat(page.get("orders")).hasSize(2);
            assertThat(page.get("total").asLong()).isEqualTo(3);
            assertThat(page.get("next").asText()).isEqualTo(server.baseUrl() + "/v1/orders?limit=2&offset=2");
            assertThat(page.get("orders").get(0).get("order_ref").asText()).isEqualTo(first);

            String secretRef = client.get(first).send().json().get("secret_ref").asText();
            assertThat(client.delete(first).send().status()).isEqualTo(204);
            assertError(client.get(first).send(), 404, "Not Found", "Order not found.");
            assertThat(client.get(secretRef).send().status()).isEqualTo(200);
            ApiClient.Response put = client.put(first).json("{}").send();
            assertThat(put.status()).isEqualTo(405);
            assertThat(put.header("Allow")).isEqualTo("GET, DELETE");
        }

        @Test
        void anotherProjectsOrderIsMissingAndObserversCannotOrder() {
            String project = newProject();
            ApiClient owner = inProject(project);
            String orderRef = order(owner, "{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", \"bit_length\": 128}}");

            assertError(freshProject().get(orderRef).send(), 404, "Not Found", "Order not found.");
            assertError(owner.withHeader("X-Roles", "observer").post("/v1/orders")
                    .json("{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", \"bit_length\": 128}}").send(), 403,
                    "Forbidden", "Order creation attempt not allowed - please review your user/project privileges");
            assertError(owner.withHeader("X-Roles", "creator").delete(orderRef).send(), 403, "Forbidden",
                    "Order deletion attempt not allowed - please review your user/project privileges");
            assertThat(owner.withHeader("X-Roles", "audit").get(orderRef).send().status()).isEqualTo(200);
        }
    }

    @Nested
    class Acls {

        @Test
        void secretAclDefaultsSetsPatchesAndResets() {
            ApiClient client = freshProject();
            String secret = secret(client, "db-password");

            assertThat(client.get(secret + "/acl").send().json())
                    .isEqualTo(json("{\"read\": {\"project-access\": true}}"));
            ApiClient.Response put = client.put(secret + "/acl")
                    .json("{\"read\": {\"users\": [\"user-y\", \"user-x\"], \"project-access\": false}}").send();
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.json()).isEqualTo(json("{\"acl_ref\": " + quote(secret + "/acl") + "}"));
            JsonNode read = client.get(secret + "/acl").send().json().get("read");
            assertThat(read.get("project-access").asBoolean()).isFalse();
            assertThat(read.get("users")).isEqualTo(json("[\"user-x\", \"user-y\"]"));
            assertThat(read.has("created")).isTrue();
            assertThat(read.has("updated")).isTrue();

            assertThat(client.patch(secret + "/acl").json("{\"read\": {\"users\": [\"user-z\"]}}").send().status())
                    .isEqualTo(200);
            read = client.get(secret + "/acl").send().json().get("read");
            assertThat(read.get("project-access").asBoolean()).isFalse();
            assertThat(read.get("users")).isEqualTo(json("[\"user-z\"]"));

            ApiClient.Response deleted = client.delete(secret + "/acl").send();
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.text()).isEqualTo("null");
            assertThat(client.get(secret + "/acl").send().json())
                    .isEqualTo(json("{\"read\": {\"project-access\": true}}"));
        }

        @Test
        void malformedAclsAreSchemaErrors() {
            ApiClient client = freshProject();
            String secret = secret(client, "s");

            assertError(client.put(secret + "/acl").json("{\"write\": {\"users\": [\"u\"]}}").send(), 400,
                    "Bad Request", schema("ACL", "Additional properties are not allowed ('write' was unexpected)",
                            "None"));
            assertError(client.put(secret + "/acl").json("{\"read\": {\"users\": \"u\"}}").send(), 400,
                    "Bad Request", schema("ACL", "'u' is not of type 'array'", "read"));
            assertError(client.put(secret + "/acl").json("{\"read\": {\"project-access\": \"no\"}}").send(), 400,
                    "Bad Request", schema("ACL", "'no' is not of type 'boolean'", "read"));
        }

        @Test
        void aPrivateSecretIsReadByItsAclUsersFromAnywhereAndHiddenFromOtherMembers() {
            String project = newProject();
            ApiClient admin = inProject(project);
            String secret = secret(admin, "db-password");
            admin.put(secret + "/acl").json("{\"read\": {\"users\": [\"user-x\"], \"project-access\": false}}").send();

            ApiClient creator = admin.withHeader("X-Roles", "creator").withHeader("X-User-Id", "user-c");
            assertError(creator.get(secret + "/payload").accept("text/plain").send(), 403, "Forbidden",
                    "Secret payload retrieval" + DENIED);
            assertError(creator.get(secret).send(), 403, "Forbidden", "Secret retrieval" + DENIED);
            assertError(creator.delete(secret).send(), 403, "Forbidden", "Secret deletion" + DENIED);

            ApiClient userX = freshProject().withHeader("X-Roles", "observer").withHeader("X-User-Id", "user-x");
            ApiClient.Response payload = userX.get(secret + "/payload").accept("text/plain").send();
            assertThat(payload.status()).isEqualTo(200);
            assertThat(payload.text()).isEqualTo("p-db-password");
            assertThat(userX.get(secret).send().status()).isEqualTo(200);
            JsonNode shared = userX.get("/v1/secrets?acl_only=true").send().json();
            assertThat(shared.get("total").asLong()).isEqualTo(1);
            assertThat(shared.get("secrets").get(0).get("secret_ref").asText()).isEqualTo(secret);
            // The ACL grants reading only; an observer may not delete anything, wherever the secret lives.
            assertError(userX.delete(secret).send(), 403, "Forbidden", "Secret deletion" + DENIED);
            assertError(userX.withHeader("X-Roles", "admin").delete(secret).send(), 403, "Forbidden",
                    "Secret deletion" + DENIED);

            ApiClient userY = freshProject().withHeader("X-User-Id", "user-y");
            assertThat(userY.get("/v1/secrets?acl_only=true").send().json())
                    .isEqualTo(json("{\"secrets\": [], \"total\": 0}"));
            assertThat(userY.get(secret).send().status()).isEqualTo(403);
            assertThat(admin.get(secret + "/payload").accept("text/plain").send().status()).isEqualTo(200);
        }

        @Test
        void theCreatorOfAPrivateSecretKeepsItAndOtherCreatorsCannotChangeItsAcl() {
            String project = newProject();
            ApiClient owner = inProject(project).withHeader("X-Roles", "creator").withHeader("X-User-Id", "alice");
            ApiClient other = inProject(project).withHeader("X-Roles", "creator").withHeader("X-User-Id", "bob");
            String secret = secret(owner, "mine");

            // While the secret is shared, any creator of the project may change its ACL (Barbican's
            // secret_project_creator_role and secret_non_private_read); once private, only its creator and admins.
            assertThat(other.patch(secret + "/acl").json("{\"read\": {\"users\": [\"carol\"]}}").send().status())
                    .isEqualTo(200);
            assertThat(owner.put(secret + "/acl").json("{\"read\": {\"project-access\": false}}").send().status())
                    .isEqualTo(200);
            assertError(other.put(secret + "/acl").json("{\"read\": {\"project-access\": true}}").send(), 403,
                    "Forbidden", "SecretACL(s) Update" + DENIED);
            assertThat(owner.get(secret + "/payload").accept("text/plain").send().status()).isEqualTo(200);
            assertThat(other.get(secret + "/payload").accept("text/plain").send().status()).isEqualTo(403);
            assertError(inProject(project).withHeader("X-Roles", "observer").put(secret + "/acl")
                    .json("{\"read\": {\"project-access\": true}}").send(), 403, "Forbidden",
                    "SecretACL(s) Update" + DENIED);
            assertError(inProject(project).withHeader("X-Roles", "audit").get(secret + "/acl").send(), 403,
                    "Forbidden", "SecretACL(s) retrieval" + DENIED);
            assertThat(other.delete(secret).send().status()).isEqualTo(403);
            assertThat(owner.delete(secret).send().status()).isEqualTo(204);
        }

        @Test
        void anotherProjectCanNeitherReadNorSetAnAcl() {
            ApiClient owner = freshProject();
            String secret = secret(owner, "s");
            ApiClient stranger = freshProject();

            assertError(stranger.get(secret + "/acl").send(), 403, "Forbidden", "SecretACL(s) retrieval" + DENIED);
            assertError(stranger.put(secret + "/acl").json("{\"read\": {\"users\": [\"me\"]}}").send(), 403,
                    "Forbidden", "SecretACL(s) Update" + DENIED);
            assertError(stranger.delete(secret + "/acl").send(), 403, "Forbidden", "SecretACL(s) Update" + DENIED);
            assertThat(owner.get(secret + "/acl").send().json())
                    .isEqualTo(json("{\"read\": {\"project-access\": true}}"));
        }

        @Test
        void containerAclsGrantAndRestrictReading() {
            String project = newProject();
            ApiClient admin = inProject(project);
            String generic = container(admin, containerBody("generic", "g", ref("k", secret(admin, "s"))));

            assertThat(admin.get(generic + "/acl").send().json())
                    .isEqualTo(json("{\"read\": {\"project-access\": true}}"));
            ApiClient.Response put = admin.put(generic + "/acl")
                    .json("{\"read\": {\"users\": [\"user-x\"], \"project-access\": false}}").send();
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.json()).isEqualTo(json("{\"acl_ref\": " + quote(generic + "/acl") + "}"));

            ApiClient userX = freshProject().withHeader("X-Roles", "audit").withHeader("X-User-Id", "user-x");
            assertThat(userX.get(generic).send().status()).isEqualTo(200);
            assertError(inProject(project).withHeader("X-Roles", "observer").get(generic).send(), 403, "Forbidden",
                    "Container retrieval" + DENIED);
            assertThat(admin.delete(generic + "/acl").send().status()).isEqualTo(200);
            assertThat(inProject(project).withHeader("X-Roles", "observer").get(generic).send().status())
                    .isEqualTo(200);
            assertThat(userX.get(generic).send().status()).isEqualTo(403);
        }
    }

    @Nested
    class QuotasApi {
        static final String QUOTAS = "{\"project_quotas\": {\"secrets\": 2, \"orders\": 0, \"containers\": -1, "
                + "\"consumers\": 1, \"cas\": 1}}";

        ApiClient serviceAdmin() {
            return freshProject().withHeader("X-Roles", "key-manager:service-admin");
        }

        @Test
        void effectiveQuotasAreUnlimitedByDefault() {
            ApiClient.Response response = freshProject().get("/v1/quotas").send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json()).isEqualTo(json("{\"quotas\": {\"secrets\": -1, \"orders\": -1, "
                    + "\"containers\": -1, \"consumers\": -1, \"cas\": -1}}"));
        }

        @Test
        void projectQuotasAreForServiceAdminsOnly() {
            assertError(freshProject().get("/v1/project-quotas").send(), 403, "Forbidden",
                    "Project Quotas attempt not allowed - please review your user/project privileges");
            assertError(freshProject().put("/v1/project-quotas/" + newProject()).json(QUOTAS).send(), 403,
                    "Forbidden", "Project Quotas attempt not allowed - please review your user/project privileges");
        }

        @Test
        void setQuotasAreShownListedEnforcedAndDeleted() {
            String project = newProject();
            ApiClient admin = serviceAdmin();
            assertThat(admin.put("/v1/project-quotas/" + project).json(QUOTAS).send().status()).isEqualTo(204);

            assertThat(admin.get("/v1/project-quotas/" + project).send().json()).isEqualTo(json(QUOTAS));
            JsonNode listed = admin.get("/v1/project-quotas?limit=100").send().json();
            List<JsonNode> entries = new ArrayList<>();
            listed.get("project_quotas").forEach(entries::add);
            assertThat(entries).contains(json("{\"project_id\": " + quote(project) + ", "
                    + QUOTAS.substring(1)));
            ApiClient member = inProject(project);
            assertThat(member.get("/v1/quotas").send().json().get("quotas"))
                    .isEqualTo(json(QUOTAS).get("project_quotas"));

            String first = secret(member, "one");
            secret(member, "two");
            assertError(member.post("/v1/secrets").json("{\"payload\": \"x\", \"payload_content_type\": "
                    + "\"text/plain\"}").send(), 403, "Forbidden", "Secret creation issue seen - Creation not "
                    + "allowed because a quota has been reached.");
            assertError(member.post("/v1/orders").json("{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", "
                    + "\"bit_length\": 256}}").send(), 403, "Forbidden", "Order creation issue seen - Creation not "
                    + "allowed because a quota has been reached.");
            assertThat(member.post(first + "/consumers").json("{\"service\": \"s\", \"resource_type\": \"t\", "
                    + "\"resource_id\": \"1\"}").send().status()).isEqualTo(200);
            assertError(member.post(first + "/consumers").json("{\"service\": \"s\", \"resource_type\": \"t\", "
                    + "\"resource_id\": \"2\"}").send(), 403, "Forbidden", "Consumer creation issue seen - Creation "
                    + "not allowed because a quota has been reached.");
            assertThat(member.get("/v1/secrets").send().json().get("total").asLong()).isEqualTo(2);

            assertThat(admin.delete("/v1/project-quotas/" + project).send().status()).isEqualTo(204);
            assertError(admin.delete("/v1/project-quotas/" + project).send(), 404, "Not Found",
                    "Project quotas not found.");
            assertError(admin.get("/v1/project-quotas/" + project).send(), 404, "Not Found",
                    "Project quotas not found.");
            secret(member, "three");
        }

        @Test
        void concurrentCreationsNeverOvershootAQuota() throws Exception {
            String project = newProject();
            serviceAdmin().put("/v1/project-quotas/" + project).json("{\"project_quotas\": {\"secrets\": 3}}")
                    .send();
            ApiClient member = inProject(project);

            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 12; i++) {
                    statuses.add(pool.submit(() -> member.post("/v1/secrets").json("{\"payload\": \"x\", "
                            + "\"payload_content_type\": \"text/plain\"}").send().status()));
                }
            }
            List<Integer> answered = new ArrayList<>();
            for (var status : statuses) {
                answered.add(status.get());
            }

            assertThat(answered).filteredOn(status -> status == 201).hasSize(3);
            assertThat(answered).filteredOn(status -> status == 403).hasSize(9);
            assertThat(member.get("/v1/secrets").send().json().get("total").asLong()).isEqualTo(3);
        }

        @Test
        void invalidQuotasAreSchemaErrors() {
            String path = "/v1/project-quotas/" + newProject();
            assertError(serviceAdmin().put(path).json("{\"project_quotas\": {\"secrets\": \"lots\"}}").send(), 400,
                    "Bad Request", schema("Project Quota", "'lots' is not of type 'integer'", "project_quotas"));
            assertError(serviceAdmin().put(path).json("{\"project_quotas\": {\"widgets\": 1}}").send(), 400,
                    "Bad Request", schema("Project Quota",
                            "Additional properties are not allowed ('widgets' was unexpected)", "project_quotas"));
        }

        @Test
        void aPartialQuotaKeepsTheDefaultsForTheRest() {
            String project = newProject();
            serviceAdmin().put("/v1/project-quotas/" + project).json("{\"project_quotas\": {\"containers\": 0}}")
                    .send();

            assertThat(serviceAdmin().get("/v1/project-quotas/" + project).send().json())
                    .isEqualTo(json("{\"project_quotas\": {\"containers\": 0}}"));
            assertThat(inProject(project).get("/v1/quotas").send().json()).isEqualTo(json("{\"quotas\": "
                    + "{\"secrets\": -1, \"orders\": -1, \"containers\": 0, \"consumers\": -1, \"cas\": -1}}"));
            assertError(inProject(project).post("/v1/containers").json(containerBody("generic", null)).send(), 403,
                    "Forbidden", "Container creation issue seen - Creation not allowed because a quota has been "
                            + "reached.");
        }
    }

    @Nested
    class SecretStores {
        static final String NO_PREFERRED = "Not Found. No preferred secret store defined for this project.";

        @Test
        void theSoftwareKeystoreIsTheOnlyStoreAndTheGlobalDefault() {
            ApiClient admin = freshProject();

            JsonNode stores = admin.get("/v1/secret-stores").send().json().get("secret_stores");
            assertThat(stores).hasSize(1);
            JsonNode store = stores.get(0);
            List<String> fields = new ArrayList<>();
            store.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("created", "updated", "status", "crypto_plugin", "global_default",
                    "name", "secret_store_plugin", "secret_store_ref");
            assertThat(store.get("crypto_plugin").asText()).isEqualTo("software");
            assertThat(store.get("global_default").asBoolean()).isTrue();
            String ref = store.get("secret_store_ref").asText();
            assertThat(admin.get("/v1/secret-stores/global-default").send().json()).isEqualTo(store);
            assertThat(admin.get(ref).send().json()).isEqualTo(store);
            assertError(admin.get("/v1/secret-stores/00000000-0000-0000-0000-000000000000").send(), 404,
                    "Not Found", "Not Found. Secret store not found.");
        }

        /** Each secret records the store that holds its key material; as in Barbican, no response shows it. */
        @Test
        void everyNewSecretRecordsTheStoreHoldingItsKeyMaterial() {
            ApiClient admin = freshProject();
            String plugin = admin.get("/v1/secret-stores/global-default").send().json().get("crypto_plugin").asText();
            String oneStep = secret(admin, "one-step");
            String twoStep = admin.post("/v1/secrets").json("{\"name\": \"two-step\"}").send().json()
                    .get("secret_ref").asText();
            assertThat(admin.put(twoStep).contentType("text/plain").text("later").send().status()).isEqualTo(204);
            String order = admin.post("/v1/orders").json("{\"type\": \"key\", \"meta\": {\"algorithm\": \"aes\", "
                    + "\"bit_length\": 256}}").send().json().get("order_ref").asText();
            String ordered = admin.get(order).send().json().get("secret_ref").asText();

            for (String ref : List.of(oneStep, twoStep, ordered)) {
                dev.donjon.server.domain.barbican.SecretId id =
                        new dev.donjon.server.domain.barbican.SecretId(java.util.UUID.fromString(idOf(ref)));
                assertThat(server.server().store().read(tx -> tx.secrets().find(id)).orElseThrow().secretStore())
                        .as(ref).isEqualTo(plugin).isEqualTo("software");
                assertThat(admin.get(ref).send().text()).doesNotContain("store");
            }
        }

        @Test
        void aProjectPrefersAStoreUntilItStopsAndOnlyAdminsChoose() {
            String project = newProject();
            ApiClient admin = inProject(project);
            String ref = admin.get("/v1/secret-stores").send().json().get("secret_stores").get(0)
                    .get("secret_store_ref").asText();

            assertError(admin.get("/v1/secret-stores/preferred").send(), 404, "Not Found", NO_PREFERRED);
            assertError(admin.withHeader("X-Roles", "creator").post(ref + "/preferred").send(), 403, "Forbidden",
                    "Setting preferred secret store attempt not allowed - please review your user/project "
                            + "privileges");
            assertThat(admin.post(ref + "/preferred").send().status()).isEqualTo(204);
            assertThat(admin.get("/v1/secret-stores/preferred").send().json().get("secret_store_ref").asText())
                    .isEqualTo(ref);
            assertError(freshProject().get("/v1/secret-stores/preferred").send(), 404, "Not Found", NO_PREFERRED);
            assertThat(admin.delete(ref + "/preferred").send().status()).isEqualTo(204);
            assertError(admin.delete(ref + "/preferred").send(), 404, "Not Found", NO_PREFERRED);
        }

        @Test
        void transportKeysAreNone() {
            assertThat(freshProject().get("/v1/transport_keys").send().json())
                    .isEqualTo(json("{\"transport_keys\": [], \"total\": 0}"));
        }
    }
}
