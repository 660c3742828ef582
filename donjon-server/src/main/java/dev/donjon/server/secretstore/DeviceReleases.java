package dev.donjon.server.secretstore;

import dev.donjon.server.domain.job.JobLeaseHolding;
import dev.donjon.server.domain.job.JobLeases;
import dev.donjon.server.jobs.BackgroundPoller;
import dev.donjon.server.domain.port.DeviceReleaseRepository;
import dev.donjon.server.domain.port.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Frees the KMIP device's objects whose release is queued ({@code device_releases}): objects destroyed over KMIP while
 * the device could not be reached, or registered for rows that were never written. One node at a time asks the device
 * (the job lease {@code device-releases}), oldest first; the first failure ends the pass (the device is still away)
 * and the next pass, {@code interval} later, starts again from the oldest. An object the device no longer knows
 * counts as freed (a previous attempt may have reached it before its answer was lost).
 */
public final class DeviceReleases implements AutoCloseable {
    public static final String JOB = "device-releases";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceReleases.class);
    private static final int BATCH = 100;
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final SecretStoreRouter router;
    private final Store store;
    private final JobLeaseHolding lease;
    private BackgroundPoller poller;
    private boolean failing;

    public DeviceReleases(SecretStoreRouter router, Store store, JobLeases leases, Clock clock, String holder) {
        this.router = router;
        this.store = store;
        this.lease = new JobLeaseHolding(leases, JOB, holder, clock, LEASE);
    }

    /** Passes every {@code interval}, for as long as the node runs. */
    public DeviceReleases start(Duration interval) {
        poller = BackgroundPoller.start(JOB, interval, this::runOnce);
        return this;
    }

    /** @return how many queued releases this pass completed */
    public synchronized int runOnce() {
        if (!router.hasDevice() || store.read(tx -> tx.deviceReleases().count()) == 0) {
            return 0;
        }
        if (!lease.renew()) {
            return 0;
        }
        int done = 0;
        try {
            List<DeviceReleaseRepository.Pending> pending = store.read(tx -> tx.deviceReleases().oldest(BATCH));
            for (DeviceReleaseRepository.Pending release : pending) {
                try {
                    router.release(release.binding(), release.sealed());
                } catch (RuntimeException e) {
                    String reason = e.getMessage();
                    store.write(tx -> {
                        tx.deviceReleases().failed(release.binding().id(), reason);
                        return null;
                    });
                    if (!failing) {
                        failing = true;
                        LOG.warn("KMIP device releases wait ({} queued at least): {}", pending.size(), reason);
                    }
                    return done;
                }
                store.write(tx -> {
                    tx.deviceReleases().remove(release.binding().id());
                    return null;
                });
                done++;
            }
            if (failing) {
                failing = false;
                LOG.info("KMIP device releases resumed");
            }
            return done;
        } finally {
            lease.release();
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.close();
        }
    }
}
