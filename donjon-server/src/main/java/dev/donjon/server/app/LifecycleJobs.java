package dev.donjon.server.app;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.job.DestroyedPurge;
import dev.donjon.server.domain.job.LocateAnchorPrune;
import dev.donjon.server.domain.job.ScheduledTransitions;
import dev.donjon.server.domain.job.SecretExpiry;
import dev.donjon.server.jobs.JobScheduler;
import dev.donjon.server.store.JdbcStore;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The lifecycle jobs of a server node, as configured ({@code jobs:} in the config, docs/lifecycle-jobs.md). */
final class LifecycleJobs {
    private LifecycleJobs() {
    }

    static JobScheduler scheduler(JdbcStore store, Clock clock, DonjonConfig.Jobs config) {
        return new JobScheduler(store.jobLeases(), store.jobRuns(), clock, nodeId(), config.lease(), List.of(
                new JobScheduler.Entry(new SecretExpiry(store, config.batch()), config.expiration()),
                new JobScheduler.Entry(new ScheduledTransitions(store, config.batch()), config.lifecycleDates()),
                new JobScheduler.Entry(new DestroyedPurge(store, config.destroyedRetention(), config.batch()),
                        config.purge()),
                new JobScheduler.Entry(new LocateAnchorPrune(store, config.locateAnchorRetention(), config.batch()),
                        config.purge())));
    }

    /** Host name and process id for operators, and a random part so that two processes never share a holder id. */
    private static String nodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
