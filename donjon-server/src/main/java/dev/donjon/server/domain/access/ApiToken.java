package dev.donjon.server.domain.access;

import dev.donjon.server.domain.ProjectId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * A Donjon API token as stored: its public id and the SHA-256 of its secret part, never the secret itself.
 *
 * @param revoked when it was revoked, or {@code null} while valid
 */
public record ApiToken(
        String tokenId,
        byte[] secretHash,
        ProjectId project,
        String userId,
        Set<Role> roles,
        String description,
        Instant created,
        Instant revoked) {

    public ApiToken {
        secretHash = secretHash.clone();
        roles = Set.copyOf(roles);
    }

    @Override
    public byte[] secretHash() {
        return secretHash.clone();
    }

    public boolean isRevoked() {
        return revoked != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiToken that && tokenId.equals(that.tokenId)
                && Arrays.equals(secretHash, that.secretHash) && project.equals(that.project)
                && java.util.Objects.equals(userId, that.userId) && roles.equals(that.roles)
                && java.util.Objects.equals(description, that.description) && created.equals(that.created)
                && java.util.Objects.equals(revoked, that.revoked);
    }

    @Override
    public int hashCode() {
        return tokenId.hashCode();
    }

    @Override
    public String toString() {
        return "ApiToken[id=" + tokenId + ", project=" + project + ", roles=" + roles + ", revoked=" + revoked + "]";
    }
}
