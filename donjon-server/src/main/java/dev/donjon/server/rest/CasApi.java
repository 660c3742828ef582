package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.pki.CaId;
import dev.donjon.server.domain.pki.CaService;
import dev.donjon.server.domain.pki.CertificateAuthority;
import dev.donjon.server.domain.pki.CrlReason;
import dev.donjon.server.domain.pki.IssuedCertificate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /v1/cas}: Donjon's certificate authorities, a Donjon extension (Barbican 15 has no CA API enabled; the
 * resource names follow the CA API of earlier Barbican releases where they overlap): list and read CAs, their chain
 * and CRL, create a project's subordinate CA or import an operator's CA, choose the project's preferred CA, require
 * approval of orders, and revoke certificates.
 */
public final class CasApi implements Routes {
    private static final String SCHEMA = "CertificateAuthority";
    static final String PEM = "application/x-pem-file";
    static final String PKIX_CRL = "application/pkix-crl";

    private final CaService cas;
    private final Links links;
    private final X509Text text;

    /** The PEM forms the API serves, from the domain's DER. */
    public interface X509Text {
        String certificate(byte[] der);

        String crl(byte[] der);
    }

    public CasApi(CaService cas, Links links, X509Text text) {
        this.cas = cas;
        this.links = links;
        this.text = text;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/v1/cas/preferred", this::preferred)
                .add("DELETE", "/v1/cas/preferred", this::clearPreferred)
                .add("GET", "/v1/cas", this::list)
                .add("POST", "/v1/cas", this::create)
                .add("GET", "/v1/cas/{id}", this::get)
                .add("PATCH", "/v1/cas/{id}", this::update)
                .add("GET", "/v1/cas/{id}/cacert", this::caCertificate)
                .add("GET", "/v1/cas/{id}/chain", this::chain)
                .add("GET", "/v1/cas/{id}/crl", this::crl)
                .add("POST", "/v1/cas/{id}/set-preferred", this::setPreferred)
                .add("POST", "/v1/cas/{id}/revocations", this::revoke);
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Document(@JsonProperty("ca_ref") String caRef, @JsonProperty("ca_id") String caId, String name,
                    String type, @JsonProperty("project_id") String projectId,
                    @JsonProperty("parent_ca_ref") String parentCaRef, @JsonProperty("subject_dn") String subjectDn,
                    String expiration, @JsonProperty("approval_required") boolean approvalRequired, String created,
                    @JsonProperty("crl_url") String crlUrl, @JsonProperty("ca_certificate_url") String certificateUrl) {
    }

    record Listing(List<Document> cas, long total) {
    }

    record Revoked(@JsonProperty("serial_number") String serialNumber,
                   @JsonProperty("certificate_ref") String certificateRef, @JsonProperty("revoked_at") String revokedAt,
                   String reason) {
    }

    private Reply list(RestRequest request) {
        List<Document> documents = cas.list(request.call()).stream().map(this::document).toList();
        return new Reply.Json(200, new Listing(documents, documents.size()));
    }

    private Reply get(RestRequest request) {
        return new Reply.Json(200, document(cas.get(request.call(), id(request))));
    }

    /** A subordinate CA ({@code parent_ca_ref}) or an imported one ({@code certificate} and {@code private_key}). */
    private Reply create(RestRequest request) {
        JsonNode body = Bodies.object(request, SCHEMA);
        String name = Bodies.optionalString(body, "name", SCHEMA);
        CertificateAuthority created;
        if (body.has("parent_ca_ref") || body.has("parent_ca_id")) {
            String parent = body.has("parent_ca_ref") ? Bodies.requiredString(body, "parent_ca_ref", SCHEMA,
                    "parent_ca_ref") : Bodies.requiredString(body, "parent_ca_id", SCHEMA, "parent_ca_id");
            String subjectDn = Bodies.requiredString(body, "subject_dn", SCHEMA, "subject_dn");
            CaId parentId = CaId.parse(lastSegment(parent))
                    .orElseThrow(() -> new ApiError(400, "Invalid Parent CA: " + parent));
            created = cas.createSubordinate(request.call(), name, parentId, subjectDn);
        } else {
            String certificate = Bodies.requiredString(body, "certificate", SCHEMA, "certificate");
            String privateKey = Bodies.requiredString(body, "private_key", SCHEMA, "private_key");
            String passphrase = Bodies.optionalString(body, "passphrase", SCHEMA);
            char[] passphraseChars = passphrase == null ? null : passphrase.toCharArray();
            byte[] key = privateKey.getBytes(StandardCharsets.US_ASCII);
            try {
                created = cas.importCa(request.call(), name, certificate.getBytes(StandardCharsets.US_ASCII), key,
                        passphraseChars);
            } finally {
                Arrays.fill(key, (byte) 0);
                if (passphraseChars != null) {
                    Arrays.fill(passphraseChars, '\0');
                }
            }
        }
        String ref = links.ca(created.id());
        return new Reply.Json(201, Map.of("ca_ref", ref), Map.of("Location", ref));
    }

    private Reply update(RestRequest request) {
        JsonNode body = Bodies.object(request, SCHEMA);
        JsonNode approval = body.get("approval_required");
        if (approval == null || !approval.isBoolean()) {
            throw ApiError.schema(SCHEMA, "'approval_required' must be true or false", "approval_required");
        }
        return new Reply.Json(200, document(cas.setApprovalRequired(request.call(), id(request),
                approval.booleanValue())));
    }

    private Reply caCertificate(RestRequest request) {
        byte[] certificate = cas.get(request.call(), id(request)).certificate();
        return new Reply.Bytes(200, PEM, text.certificate(certificate).getBytes(StandardCharsets.US_ASCII));
    }

    /** The CA's certificate, then its issuers', PEM. */
    private Reply chain(RestRequest request) {
        StringBuilder pem = new StringBuilder();
        cas.chain(request.call(), id(request)).forEach(certificate -> pem.append(text.certificate(certificate)));
        return new Reply.Bytes(200, PEM, pem.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** DER by default ({@code application/pkix-crl}, RFC 2585); PEM when asked for. */
    private Reply crl(RestRequest request) {
        CaId id = id(request);
        cas.get(request.call(), id);
        byte[] crl = cas.crl(id);
        String accept = request.headers().first("Accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains(PEM)) {
            return new Reply.Bytes(200, PEM, text.crl(crl).getBytes(StandardCharsets.US_ASCII));
        }
        return new Reply.Bytes(200, PKIX_CRL, crl);
    }

    private Reply preferred(RestRequest request) {
        return new Reply.Json(200, document(cas.preferred(request.call())));
    }

    private Reply setPreferred(RestRequest request) {
        cas.setPreferred(request.call(), id(request));
        return new Reply.Empty(204);
    }

    private Reply clearPreferred(RestRequest request) {
        cas.clearPreferred(request.call());
        return new Reply.Empty(204);
    }

    /** {@code certificate_ref} (the certificate secret of an order) or {@code serial_number} (hex), and a reason. */
    private Reply revoke(RestRequest request) {
        CaId id = id(request);
        JsonNode body = Bodies.object(request, SCHEMA);
        String reasonName = Bodies.optionalString(body, "reason", SCHEMA);
        CrlReason reason = reasonName == null ? CrlReason.UNSPECIFIED : CrlReason.fromWire(reasonName)
                .orElseThrow(() -> ApiError.schema(SCHEMA, "'" + reasonName + "' is not one of "
                        + Arrays.stream(CrlReason.values()).map(CrlReason::wireName).toList(), "reason"));
        IssuedCertificate revoked;
        if (body.has("certificate_ref")) {
            String ref = Bodies.requiredString(body, "certificate_ref", SCHEMA, "certificate_ref");
            SecretId certificate = SecretId.parse(lastSegment(ref))
                    .orElseThrow(() -> new ApiError(404, "Certificate not issued by a Donjon CA."));
            revoked = cas.revoke(request.call(), id, certificate, reason);
        } else {
            String serial = Bodies.requiredString(body, "serial_number", SCHEMA, "serial_number")
                    .toLowerCase(Locale.ROOT).replace(":", "").replaceFirst("^0+(?=.)", "");
            if (!serial.matches("[0-9a-f]{1,40}")) {
                throw ApiError.schema(SCHEMA, "'serial_number' is not a hexadecimal serial number", "serial_number");
            }
            revoked = cas.revokeSerial(request.call(), id, serial, reason);
        }
        return new Reply.Json(200, new Revoked(revoked.serial(), links.secret(revoked.certificate()),
                Timestamps.format(revoked.revocation().at()), revoked.revocation().reason().wireName()));
    }

    private Document document(CertificateAuthority ca) {
        return new Document(links.ca(ca.id()), ca.id().toString(), ca.name(), ca.kind().name().toLowerCase(Locale.ROOT),
                ca.project() == null ? null : ca.project().value(), ca.parent() == null ? null : links.ca(ca.parent()),
                ca.subjectDn(), Timestamps.format(ca.notAfter()), ca.approvalRequired(),
                Timestamps.format(ca.created()), links.publicCrl(ca.id()), links.publicCaCertificate(ca.id()));
    }

    private static String lastSegment(String ref) {
        String trimmed = ref.endsWith("/") ? ref.substring(0, ref.length() - 1) : ref;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    private static CaId id(RestRequest request) {
        return CaId.parse(request.path("id")).orElseThrow(() -> ApiError.notFound("Certificate authority not found."));
    }
}
