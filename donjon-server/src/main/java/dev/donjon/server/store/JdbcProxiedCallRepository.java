package dev.donjon.server.store;

import dev.donjon.server.domain.port.ProxiedCallRepository;
import org.jdbi.v3.core.Handle;

import java.time.Instant;

final class JdbcProxiedCallRepository implements ProxiedCallRepository {
    private final Handle handle;

    JdbcProxiedCallRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public boolean claim(String origin, String callId, Instant received) {
        return handle.createUpdate("INSERT INTO proxied_calls (origin, call_id, received) VALUES (?, ?, ?) "
                        + "ON CONFLICT (origin, call_id) DO NOTHING")
                .bind(0, origin)
                .bind(1, callId)
                .bind(2, EpochMicros.floor(received))
                .execute() == 1;
    }

    @Override
    public void pruneBefore(Instant before) {
        handle.createUpdate("DELETE FROM proxied_calls WHERE received < ?")
                .bind(0, EpochMicros.floor(before))
                .execute();
    }
}
