package dev.donjon.server.domain.job;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.Store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Barbican's {@code expiration}: a secret whose expiration has passed is already served to nobody (every read and
 * listing filters it, as Barbican 15.0.1's repositories do); this job then deletes it with its payload, metadata,
 * ACLs, consumers and container references, as {@code barbican-manage db clean --soft-delete-expired-secrets} does,
 * and audits each deletion.
 */
public final class SecretExpiry implements ScheduledJob {
    public static final String NAME = "secret-expiration";

    private final Store store;
    private final int batch;

    /** @param batch the most secrets one run deletes (one transaction) */
    public SecretExpiry(Store store, int batch) {
        this.store = store;
        this.batch = batch;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(Instant now) {
        return store.write(tx -> {
            List<SecretId> due = tx.sweeps().expiredSecrets(now, batch);
            int deleted = 0;
            for (SecretId id : due) {
                Optional<Secret> secret = tx.secrets().find(id);
                if (secret.isPresent() && secret.get().isExpiredAt(now) && tx.secrets().delete(id, now)) {
                    tx.audit().append(JobAudit.of(now, secret.get().project(), Action.SECRET_EXPIRE, id,
                            "expired " + secret.get().expiration()));
                    deleted++;
                }
            }
            return deleted;
        });
    }
}
