package dev.donjon.server.app;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.LockboxKeys;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Donjon server in a process of its own (dev configuration, SQLite in its data directory, KMIP on a fixed port so
 * that its peers find it again after a restart) whose lockbox peers are push peers: it replicates its objects to them
 * over KMIP mutual TLS (docs/replication.md), and receives theirs. Each server's lockbox keys are
 * {@code <keys>/<name>-sign(-key).pem} and {@code <keys>/<name>-enc(-key).pem}; a peer is reached with the peer's own dev
 * CA and dev KMIP client certificate (which the peer maps to its project {@code dev} as admin), so every server's data
 * directory must be prepared ({@link #prepare}) before the first one starts.
 */
public final class ReplicatingServerProcess implements AutoCloseable {
    private final ServerJvm jvm;
    private final Path dataDir;
    private final int kmipPort;

    private ReplicatingServerProcess(ServerJvm jvm, Path dataDir, int kmipPort) {
        this.jvm = jvm;
        this.dataDir = dataDir;
        this.kmipPort = kmipPort;
    }

    /** One server: its name, data directory and KMIP port. */
    public record Site(String name, Path dataDir, int kmipPort) {
    }

    /** Creates each site's dev PKI and the lockbox keys of every site, before any starts. */
    public static void prepare(Path keys, List<Site> sites) {
        for (Site site : sites) {
            DevMode.config(site.dataDir(), false, 0);
            LockboxKeys.make(keys, site.name() + "-sign", "EC");
            LockboxKeys.make(keys, site.name() + "-enc", "EC");
        }
    }

    public static ReplicatingServerProcess start(Site site, Path keys, List<Site> peers)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(site.dataDir().toString(), site.name(),
                Integer.toString(site.kmipPort()), keys.toString()));
        for (Site peer : peers) {
            args.add(peer.name() + "@" + peer.kmipPort() + "@" + peer.dataDir());
        }
        // Three of them, the build and the test JVM share a small machine.
        ServerJvm jvm = ServerJvm.start(site.dataDir().resolve("server-" + System.nanoTime() + ".log"),
                ServerJvm.Launch.DEFAULT.withMaxHeap("256m"), Main.class, args.toArray(String[]::new));
        return new ReplicatingServerProcess(jvm, site.dataDir(), site.kmipPort());
    }

    public String baseUrl() {
        return jvm.ready(0);
    }

    /** An admin token of the project {@code dev}, issued by this start of the process. */
    public String token() {
        return jvm.ready(1);
    }

    public Path dataDir() {
        return dataDir;
    }

    public int kmipPort() {
        return kmipPort;
    }

    public long pid() {
        return jvm.pid();
    }

    /** SIGKILL, as {@code kill -9}: the JVM runs nothing more. */
    public void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    /**
     * The server process: data directory, lockbox identity, KMIP port, lockbox keys directory, then each push peer as
     * {@code name@kmipPort@dataDir}. Prints {@code READY <base URL> <token>}.
     */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            Path dataDir = Path.of(args[0]);
            String name = args[1];
            int kmipPort = Integer.parseInt(args[2]);
            Path keys = Path.of(args[3]);
            List<DonjonConfig.LockboxPeer> peers = new ArrayList<>();
            for (int i = 4; i < args.length; i++) {
                String[] peer = args[i].split("@", 3);
                Path peerDir = Path.of(peer[2]);
                peers.add(new DonjonConfig.LockboxPeer(peer[0], keys.resolve(peer[0] + "-sign.pem"),
                        keys.resolve(peer[0] + "-enc.pem"), null, null, false, new DonjonConfig.ReplicationPush("127.0.0.1",
                        Integer.parseInt(peer[1]), peerDir.resolve(DevPki.CA_CERTIFICATE),
                        peerDir.resolve(DevMode.KMIP_CLIENT_CERTIFICATE), peerDir.resolve(DevMode.KMIP_CLIENT_KEY))));
            }
            DonjonConfig dev = DevMode.config(dataDir, false, 0);
            DonjonConfig.Kmip kmip = dev.kmip();
            DonjonConfig config = new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(), dev.tls(),
                    dev.behindTlsProxy(), dev.database(), dev.masterKey(), dev.auth(), dev.limits(),
                    new DonjonConfig.Kmip(true, new DonjonConfig.Listen(DevMode.HOST, kmipPort), kmip.certificate(),
                            kmip.privateKey(), kmip.clientCas(), kmip.identities(), kmip.maxMessageBytes(),
                            kmip.idleTimeout(), kmip.leaseTime()),
                    dev.jobs(), new DonjonConfig.Lockbox(name, keys.resolve(name + "-sign-key.pem"),
                    keys.resolve(name + "-enc-key.pem"), Duration.ofMinutes(5), peers), dev.kmipStore(),
                    dev.notifications());
            DonjonServer server = DonjonServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            System.out.println("READY " + server.publicUrl() + " " + DevMode.issueAdminToken(server));
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
