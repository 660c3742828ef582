package dev.donjon.server.domain.port;

import java.time.Instant;

/** The calls peers forwarded here in proxy mode, so that each is admitted once (the replay table of assertions). */
public interface ProxiedCallRepository {
    /** @return whether this call recorded the forwarded call; {@code false} means it is a replay */
    boolean claim(String origin, String callId, Instant received);

    /** Forgets calls received before {@code before}: their assertions are too old to be admitted anyway. */
    void pruneBefore(Instant before);
}
