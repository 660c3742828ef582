package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.domain.pki.TestRequests;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate orders as Barbican 15 takes them, and Donjon's CA API: one real server per database engine, each test
 * in projects of its own.
 */
abstract class CertificatesApiContract extends ServerPerEngine {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiClient project() {
        return api.withHeader("X-Project-Id", "proj-" + UUID.randomUUID()).withHeader("X-User-Id", "alice");
    }

    private static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String simpleCmc(byte[] csr, String extra) {
        return "{\"type\": \"certificate\", \"meta\": {\"request_type\": \"simple-cmc\", \"request_data\": "
                + quote(Base64.getEncoder().encodeToString(csr)) + extra + "}}";
    }

    private static JsonNode order(ApiClient client, String body) {
        ApiClient.Response created = client.post("/v1/orders").json(body).send();
        assertThat(created.status()).as("%s", created).isEqualTo(202);
        ApiClient.Response order = client.get(created.json().get("order_ref").asText()).send();
        assertThat(order.status()).as("%s", order).isEqualTo(200);
        return order.json();
    }

    private static void assertRefused(ApiClient client, String body, int status, String description) {
        ApiClient.Response response = client.post("/v1/orders").json(body).send();
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.json().get("description").asText()).as("%s", response).isEqualTo(description);
    }

    /** The container's secret refs by name. */
    private static Map<String, String> refs(ApiClient client, String containerRef) {
        ApiClient.Response container = client.get(containerRef).send();
        assertThat(container.status()).as("%s", container).isEqualTo(200);
        assertThat(container.json().get("type").asText()).isEqualTo("certificate");
        Map<String, String> refs = new HashMap<>();
        container.json().get("secret_refs").forEach(ref -> refs.put(ref.get("name").asText(),
                ref.get("secret_ref").asText()));
        return refs;
    }

    private static byte[] payload(ApiClient client, String secretRef) {
        ApiClient.Response payload = client.get(secretRef + "/payload").accept("application/octet-stream").send();
        assertThat(payload.status()).as("%s", payload).isEqualTo(200);
        return payload.body();
    }

    private JsonNode root(ApiClient client) {
        ApiClient.Response preferred = client.get("/v1/cas/preferred").send();
        assertThat(preferred.status()).as("%s", preferred).isEqualTo(200);
        return preferred.json();
    }

    @Test
    void aSimpleCmcOrderCompletesWithACertificateContainer() throws Exception {
        ApiClient alice = project();
        KeyPair pair = TestRequests.rsa();
        JsonNode order = order(alice, simpleCmc(TestRequests.csr(pair, "CN=www.example.com,O=Example", true), ""));
        assertThat(order.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(order.get("type").asText()).isEqualTo("certificate");
        assertThat(order.get("sub_status").asText()).isEqualTo("cert_generated");
        assertThat(order.get("sub_status_message").asText()).isEqualTo("Certificate has been generated");
        assertThat(order.get("meta").get("request_type").asText()).isEqualTo("simple-cmc");

        Map<String, String> refs = refs(alice, order.get("container_ref").asText());
        assertThat(refs).containsOnlyKeys("certificate", "intermediates");
        X509Certificate certificate = TestRequests.certificate(payload(alice, refs.get("certificate")));
        assertThat(certificate.getPublicKey()).isEqualTo(pair.getPublic());
        assertThat(new String(payload(alice, refs.get("intermediates")), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN PKCS7-----");

        JsonNode root = root(alice);
        ApiClient.Response caCertificate = alice.get(root.get("ca_ref").asText() + "/cacert").send();
        assertThat(caCertificate.header("Content-Type")).isEqualTo("application/x-pem-file");
        certificate.verify(TestRequests.certificate(caCertificate.body()).getPublicKey());
        assertThat(certificate.getIssuerX500Principal().getName()).isEqualTo(root.get("subject_dn").asText());
    }

    @Test
    void aStoredKeyOrderCertifiesAnOrderedRsaContainerAndRefersToItsKey() throws Exception {
        ApiClient alice = project();
        JsonNode keys = order(alice, "{\"type\": \"asymmetric\", \"meta\": {\"name\": \"tls\", \"algorithm\": \"rsa\", "
                + "\"bit_length\": 2048, \"passphrase\": \"password\"}}");
        String keysRef = keys.get("container_ref").asText();
        JsonNode order = order(alice, "{\"type\": \"certificate\", \"meta\": {\"request_type\": \"stored-key\", "
                + "\"container_ref\": " + quote(keysRef) + ", \"subject_dn\": \"cn=server.example.com,o=example.com\", "
                + "\"requestor_name\": \"Barbican User\"}}");
        assertThat(order.get("status").asText()).as("%s", order).isEqualTo("ACTIVE");

        Map<String, String> refs = refs(alice, order.get("container_ref").asText());
        assertThat(refs).containsOnlyKeys("certificate", "intermediates", "private_key", "private_key_passphrase");
        ApiClient.Response keyContainer = alice.get(keysRef).send();
        Map<String, String> keyRefs = new HashMap<>();
        keyContainer.json().get("secret_refs").forEach(ref -> keyRefs.put(ref.get("name").asText(),
                ref.get("secret_ref").asText()));
        assertThat(refs.get("private_key")).isEqualTo(keyRefs.get("private_key"));
        assertThat(refs.get("private_key_passphrase")).isEqualTo(keyRefs.get("private_key_passphrase"));

        X509Certificate certificate = TestRequests.certificate(payload(alice, refs.get("certificate")));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=server.example.com,O=example.com");
        String publicPem = new String(payload(alice, keyRefs.get("public_key")), StandardCharsets.US_ASCII);
        assertThat(Base64.getEncoder().encodeToString(certificate.getPublicKey().getEncoded()))
                .isEqualTo(publicPem.replaceAll("-----[A-Z ]+-----|\\s", ""));
    }

    @Test
    void badCertificateOrdersAreAnsweredInBarbicansWords() throws Exception {
        ApiClient alice = project();
        byte[] csr = TestRequests.csr(TestRequests.rsa(), "CN=x.example", false);
        assertRefused(alice, simpleCmc(csr, ", \"payload\": \"x\""), 400, "Provided object does not match schema "
                + "'Order': 'payload' not allowed for certificate type order. Invalid property: 'meta'");
        assertRefused(alice, simpleCmc(csr, ", \"profile\": \"server\""), 400,
                "Missing required metadata field for ca_id");
        assertRefused(alice, "{\"type\": \"certificate\", \"meta\": {\"request_type\": \"simple-cmc\"}}", 400,
                "Missing required metadata field for request_data");
        assertRefused(alice, "{\"type\": \"certificate\", \"meta\": {\"request_type\": \"simple-cmc\", "
                + "\"request_data\": \"bm90IGEgcmVxdWVzdA==\"}}", 400, "Invalid PKCS10 Data: Bad format");
        String pem = new String(csr, StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        der[der.length - 3] ^= 0x42;
        assertRefused(alice, simpleCmc(der, ""), 400, "Invalid PKCS10 Data: Signing key incorrect");
        assertRefused(alice, "{\"type\": \"certificate\", \"meta\": {\"request_type\": \"full-cmc\"}}", 400,
                "Full CMC Requests are not yet supported.");
        assertRefused(alice, "{\"type\": \"certificate\", \"meta\": {\"request_type\": \"pkcs12\"}}", 400,
                "Invalid Certificate Request Type");
        assertRefused(alice, simpleCmc(csr, ", \"ca_id\": \"" + UUID.randomUUID() + "\""), 400,
                "The ca_id provided in the request is invalid");
        assertRefused(alice, simpleCmc(csr, ", \"ca_id\": \"not-a-ca\""), 400,
                "The ca_id provided in the request is invalid");

        String storedKey = "{\"type\": \"certificate\", \"meta\": {\"request_type\": \"stored-key\", ";
        assertRefused(alice, storedKey + "\"subject_dn\": \"cn=x\"}}", 400,
                "Missing required metadata field for container_ref");
        String someContainer = api.baseUrl() + "/v1/containers/" + UUID.randomUUID();
        assertRefused(alice, storedKey + "\"container_ref\": " + quote(someContainer) + "}}", 400,
                "Missing required metadata field for subject_dn");
        assertRefused(alice, storedKey + "\"container_ref\": " + quote(someContainer)
                + ", \"subject_dn\": \"no equals sign\"}}", 400, "Invalid subject DN: no equals sign");
        assertRefused(alice, storedKey + "\"container_ref\": \"nonsense\", \"subject_dn\": \"cn=x\"}}", 400,
                "Invalid container: Bad Container Reference nonsense");
        assertRefused(alice, storedKey + "\"container_ref\": " + quote(someContainer) + ", \"subject_dn\": \"cn=x\"}}",
                400, "Invalid container: Container Not Found");
        ApiClient.Response generic = alice.post("/v1/containers").json("{\"type\": \"generic\", \"name\": \"g\"}")
                .send();
        assertRefused(alice, storedKey + "\"container_ref\": " + quote(generic.json().get("container_ref").asText())
                + ", \"subject_dn\": \"cn=x\"}}", 400, "Invalid container: Container Wrong Type");
        ApiClient.Response orders = alice.get("/v1/orders").send();
        assertThat(orders.json().get("total").asLong()).as("refused orders leave nothing behind").isZero();
    }

    @Test
    void anOrderOnACaThatRequiresApprovalWaitsForAProjectAdmin() throws Exception {
        ApiClient admin = project();
        ApiClient creator = admin.withHeader("X-Roles", "creator");
        String rootRef = root(admin).get("ca_ref").asText();
        ApiClient.Response sub = admin.post("/v1/cas").json("{\"name\": \"team CA\", \"parent_ca_ref\": "
                + quote(rootRef) + ", \"subject_dn\": \"CN=Team CA,O=Example\"}").send();
        assertThat(sub.status()).as("%s", sub).isEqualTo(201);
        String subRef = sub.json().get("ca_ref").asText();
        String subId = subRef.substring(subRef.lastIndexOf('/') + 1);
        ApiClient.Response patched = admin.patch(subRef).json("{\"approval_required\": true}").send();
        assertThat(patched.json().get("approval_required").asBoolean()).as("%s", patched).isTrue();
        assertThat(admin.patch(rootRef).json("{\"approval_required\": true}").send().status())
                .as("the root is the service admin's").isEqualTo(403);

        byte[] csr = TestRequests.csr(TestRequests.rsa(), "CN=app.example,O=Example", false);
        JsonNode pending = order(creator, simpleCmc(csr, ", \"ca_id\": \"" + subId + "\""));
        assertThat(pending.get("status").asText()).isEqualTo("PENDING");
        assertThat(pending.get("sub_status").asText()).isEqualTo("cert_request_pending");
        assertThat(pending.has("container_ref")).isFalse();
        String orderRef = pending.get("order_ref").asText();
        assertThat(creator.post(orderRef + "/approve").send().status()).isEqualTo(403);
        assertThat(project().post(orderRef + "/approve").send().status()).as("another project").isEqualTo(404);

        ApiClient.Response approved = admin.post(orderRef + "/approve").send();
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("ACTIVE");
        X509Certificate certificate = TestRequests.certificate(payload(admin,
                refs(admin, approved.json().get("container_ref").asText()).get("certificate")));
        assertThat(certificate.getIssuerX500Principal().getName()).isEqualTo("CN=Team CA,O=Example");
        assertThat(admin.post(orderRef + "/approve").send().status()).as("approved once").isEqualTo(400);

        JsonNode another = order(creator, simpleCmc(csr, ", \"ca_id\": \"" + subId + "\""));
        ApiClient.Response rejected = admin.post(another.get("order_ref").asText() + "/reject")
                .json("{\"reason\": \"not ours\"}").send();
        assertThat(rejected.json().get("status").asText()).as("%s", rejected).isEqualTo("ERROR");
        assertThat(rejected.json().get("error_reason").asText()).isEqualTo("Certificate request rejected: not ours");

        ApiClient.Response foreign = project().post("/v1/orders")
                .json(simpleCmc(csr, ", \"ca_id\": \"" + subId + "\"")).send();
        assertThat(foreign.status()).as("%s", foreign).isEqualTo(403);
        assertThat(foreign.json().get("description").asText())
                .isEqualTo("The ca_id provided in the request is not defined for this project");
    }

    @Test
    void theCaApiServesCasChainsAndCrlsAndARevocationReachesThePublicCrl() throws Exception {
        ApiClient alice = project();
        ApiClient.Response list = alice.get("/v1/cas").send();
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        JsonNode root = root(alice);
        assertThat(list.json().get("cas").findValuesAsText("ca_id")).contains(root.get("ca_id").asText());
        assertThat(root.get("type").asText()).isEqualTo("root");
        String rootRef = root.get("ca_ref").asText();
        assertThat(alice.get(rootRef).send().json()).isEqualTo(root);

        String subRef = alice.post("/v1/cas").json("{\"name\": \"mine\", \"parent_ca_ref\": " + quote(rootRef)
                + ", \"subject_dn\": \"CN=Mine\"}").send().json().get("ca_ref").asText();
        assertThat(alice.post(subRef + "/set-preferred").send().status()).isEqualTo(204);
        assertThat(root(alice).get("ca_ref").asText()).isEqualTo(subRef);
        String chain = alice.get(subRef + "/chain").send().text();
        assertThat(chain.split("-----BEGIN CERTIFICATE-----")).hasSize(3);
        assertThat(project().get(subRef).send().status()).as("a subordinate is its project's").isEqualTo(404);

        JsonNode order = order(alice, simpleCmc(TestRequests.csr(TestRequests.rsa(), "CN=gone.example", false), ""));
        String certificateRef = refs(alice, order.get("container_ref").asText()).get("certificate");
        X509Certificate certificate = TestRequests.certificate(payload(alice, certificateRef));
        assertThat(certificate.getIssuerX500Principal().getName()).as("the preferred CA signs").isEqualTo("CN=Mine");
        String crlUrl = alice.get(subRef).send().json().get("crl_url").asText();
        assertThat(new String(certificate.getExtensionValue("2.5.29.31"), StandardCharsets.ISO_8859_1))
                .contains(crlUrl);

        ApiClient anonymous = new ApiClient(server.baseUrl(), server.clientTls());
        ApiClient.Response before = anonymous.get(crlUrl).send();
        assertThat(before.status()).as("%s", before).isEqualTo(200);
        assertThat(before.header("Content-Type")).isEqualTo("application/pkix-crl");
        assertThat(TestRequests.crl(before.body()).getRevokedCertificates()).isNull();

        ApiClient.Response revoked = alice.post(subRef + "/revocations")
                .json("{\"certificate_ref\": " + quote(certificateRef) + ", \"reason\": \"key_compromise\"}").send();
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
        assertThat(new BigInteger(revoked.json().get("serial_number").asText(), 16))
                .isEqualTo(certificate.getSerialNumber());
        X509CRL after = TestRequests.crl(anonymous.get(crlUrl).send().body());
        after.verify(TestRequests.certificate(alice.get(subRef + "/cacert").send().body()).getPublicKey());
        assertThat(after.getRevokedCertificate(certificate.getSerialNumber())).isNotNull();
        ApiClient.Response pem = alice.get(subRef + "/crl").accept("application/x-pem-file").send();
        assertThat(pem.text()).startsWith("-----BEGIN X509 CRL-----");

        ApiClient.Response wrongCa = alice.post(rootRef + "/revocations")
                .json("{\"certificate_ref\": " + quote(certificateRef) + "}").send();
        assertThat(wrongCa.status()).as("%s", wrongCa).isEqualTo(404);
        assertThat(alice.delete("/v1/cas/preferred").send().status()).isEqualTo(204);
        assertThat(root(alice).get("ca_ref").asText()).isEqualTo(rootRef);
    }
}
