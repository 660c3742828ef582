package dev.donjon.server.domain.audit;

import java.util.List;

public interface AuditTrail {
    void append(AuditEvent event);

    /** The most recent events, newest last; for operators and tests. */
    List<AuditEvent> tail(int count);
}
