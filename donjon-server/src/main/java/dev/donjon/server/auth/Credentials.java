package dev.donjon.server.auth;

import java.security.cert.X509Certificate;

/**
 * What a request presented to prove its identity, lifted out of the transport. Any field may be {@code null}.
 *
 * @param apiToken          the {@code X-Auth-Token} value: a Donjon API token ({@code djt_...}) or a Keystone token
 * @param projectId         the trusted {@code X-Project-Id} header
 * @param roles             the trusted {@code X-Roles} header, comma-separated
 * @param userId            the trusted {@code X-User-Id} header
 * @param bearer            the token of an {@code Authorization: Bearer} header (a JWT)
 * @param clientCertificate the client certificate TLS verified against the trusted client CAs
 */
public record Credentials(String apiToken, String projectId, String roles, String userId, String bearer,
                          X509Certificate clientCertificate) {
    /** Token and trusted headers only. */
    public Credentials(String apiToken, String projectId, String roles, String userId) {
        this(apiToken, projectId, roles, userId, null, null);
    }

    @Override
    public String toString() {
        return "Credentials[token=" + (apiToken == null ? "none" : "present") + ", bearer="
                + (bearer == null ? "none" : "present") + ", project=" + projectId + "]";
    }
}
