package dev.donjon.server.auth;

/**
 * What a request presented to prove its identity, lifted out of the transport. Any field may be {@code null}.
 *
 * @param apiToken    the {@code X-Auth-Token} value
 * @param projectId   the trusted {@code X-Project-Id} header
 * @param roles       the trusted {@code X-Roles} header, comma-separated
 * @param userId      the trusted {@code X-User-Id} header
 */
public record Credentials(String apiToken, String projectId, String roles, String userId) {
    @Override
    public String toString() {
        return "Credentials[token=" + (apiToken == null ? "none" : "present") + ", project=" + projectId + "]";
    }
}
