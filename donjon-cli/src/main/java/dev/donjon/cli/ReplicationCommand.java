package dev.donjon.cli;

import dev.donjon.client.DonjonApiException;
import dev.donjon.client.DonjonClient;
import dev.donjon.client.ListPage;
import dev.donjon.client.SecretMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "replication", mixinStandardHelpOptions = true,
        description = "Ownership of replicated secrets (docs/replication.md).",
        subcommands = {ReplicationCommand.Promote.class, ReplicationCommand.Sync.class,
                ReplicationCommand.Report.class})
final class ReplicationCommand {

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Bring a peer's replicas of this project's secrets up to date: each secret is sealed in a "
                    + "lockbox for the peer here and imported there as a replica (created, or refreshed in place). "
                    + "Safe to repeat, and to resume after either side was down: it converges on this server's state.")
    static final class Sync implements Callable<Integer> {
        static final int PAGE = 100;

        @Mixin
        ServerOptions server;

        @Option(names = "--to", required = true, paramLabel = "PEER",
                description = "The peer's lockbox identity, as this server's lockbox.peers names it.")
        String to;

        @Option(names = "--target-profile", required = true, paramLabel = "PROFILE",
                description = "The `donjon login` profile that reaches the peer, in the project to replicate into.")
        String targetProfile;

        @Option(names = "--lease", paramLabel = "SECONDS",
                description = "Edge copies: the peer serves each replica for this long after the sync, then refuses "
                        + "until the next sync renews it.")
        Long lease;

        @Option(names = "--uses", paramLabel = "N",
                description = "Edge copies: the peer serves each replica's key material N times, then refuses until "
                        + "the next sync renews the allocation.")
        Long uses;

        @Override
        public Integer call() {
            ServerOptions target = new ServerOptions();
            target.profile = targetProfile;
            int synced = 0;
            int failed = 0;
            try (DonjonClient source = server.connect(); DonjonClient peer = target.connect()) {
                for (int offset = 0; ; offset += PAGE) {
                    ListPage<SecretMetadata> page = source.secrets().list(null, PAGE, offset);
                    for (SecretMetadata secret : page.items()) {
                        try {
                            peer.lockboxes().importLockbox(source.lockboxes().export(secret.id(), to, lease, uses).lockbox(),
                                    true);
                            synced++;
                        } catch (DonjonApiException e) {
                            // One object's refusal (destroyed here, a local copy there) does not stop the others.
                            System.err.println(secret.id() + ": " + e.getMessage());
                            failed++;
                        }
                    }
                    if (page.items().size() < PAGE) {
                        break;
                    }
                }
            }
            System.out.println("replicated " + synced + ", refused " + failed);
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "At an edge: report the uses of the owner's edge copies back to the owner (signed by this "
                    + "server, recorded there). Totals are cumulative: safe to repeat, e.g. from cron, and to retry "
                    + "while the owner is unreachable.")
    static final class Report implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Option(names = "--to", required = true, paramLabel = "OWNER",
                description = "The owner's lockbox identity, as this server's lockbox.peers names it.")
        String to;

        @Option(names = "--target-profile", required = true, paramLabel = "PROFILE",
                description = "The `donjon login` profile that reaches the owner, in the project the copies are of.")
        String targetProfile;

        @Override
        public Integer call() {
            ServerOptions target = new ServerOptions();
            target.profile = targetProfile;
            try (DonjonClient edge = server.connect(); DonjonClient owner = target.connect()) {
                var received = owner.lockboxes().receiveEdgeReport(edge.lockboxes().edgeReport(to));
                System.out.println("reported to " + to + ": recorded " + received.path("recorded").asInt()
                        + ", unchanged " + received.path("unchanged").asInt() + ", unknown "
                        + received.path("unknown").asInt());
                // Each compromise reported (docs/replication.md): revoked at the owner, unchanged, or refused, why.
                received.path("compromised").properties().forEach(outcome ->
                        System.out.println(outcome.getKey() + " compromise " + outcome.getValue().asText()));
            }
            return 0;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Make this server the owner of a replica, which then accepts writes here (after losing the "
                    + "owner site, or to move ownership on purpose); prints the previous owner.")
    static final class Promote implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID", description = "The replica's secret id or reference URL.")
        String id;

        @Option(names = "--force", description = "Promote even though the owner cannot be reached to hand the object "
                + "over: only for an owner lost, or fenced off from its clients first (docs/replication.md).")
        boolean force;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                System.out.println(donjon.lockboxes().promote(id, force));
            }
            return 0;
        }
    }
}
