package dev.donjon.server.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface TokenRepository {
    void insert(ApiToken token);

    Optional<ApiToken> find(String tokenId);

    List<ApiToken> list();

    /** @return {@code false} if no such token or it was already revoked */
    boolean revoke(String tokenId, Instant at);
}
