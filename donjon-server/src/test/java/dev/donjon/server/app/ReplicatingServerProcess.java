package dev.donjon.server.app;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.LockboxKeys;

import java.io.IOException;
import java.net.URI;
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
    private final String baseUrl;
    private final int kmipPort;

    private ReplicatingServerProcess(ServerJvm jvm, Path dataDir, String baseUrl, int kmipPort) {
        this.jvm = jvm;
        this.dataDir = dataDir;
        this.baseUrl = baseUrl;
        this.kmipPort = kmipPort;
    }

    /**
     * One server: its name, data directory, the address its KMIP listener binds and its peers reach it at, its KMIP
     * port, and the network namespace it runs in ({@link NetworkNamespaces}; {@code null}: the test's own, on
     * loopback).
     */
    public record Site(String name, Path dataDir, String host, int kmipPort, String namespace) {
        /** A site on loopback in the test's network namespace. */
        public Site(String name, Path dataDir, int kmipPort) {
            this(name, dataDir, DevMode.HOST, kmipPort, null);
        }
    }

    /** Creates each site's dev PKI and the lockbox keys of every site, before any starts. */
    public static void prepare(Path keys, List<Site> sites) {
        for (Site site : sites) {
            // The server certificate names the address its peers connect to (the dev one names loopback only).
            DevPki.ensure(site.dataDir(), site.host().equals(DevMode.HOST) ? List.of() : List.of(site.host()));
            DevMode.config(site.dataDir(), false, 0);
            LockboxKeys.make(keys, site.name() + "-sign", "EC");
            LockboxKeys.make(keys, site.name() + "-enc", "EC");
        }
    }

    public static ReplicatingServerProcess start(Site site, Path keys, List<Site> peers)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(site.dataDir().toString(), site.name(), site.host(),
                Integer.toString(site.kmipPort()), keys.toString()));
        for (Site peer : peers) {
            args.add(peer.name() + "@" + peer.host() + "@" + peer.kmipPort() + "@" + peer.dataDir());
        }
        // Three of them, the build and the test JVM share a small machine.
        ServerJvm.Launch launch = ServerJvm.Launch.DEFAULT.withMaxHeap("256m");
        if (site.namespace() != null) {
            launch = launch.inNamespace(site.namespace());
        }
        ServerJvm jvm = ServerJvm.start(site.dataDir().resolve("server-" + System.nanoTime() + ".log"), launch,
                Main.class, args.toArray(String[]::new));
        if (site.namespace() == null) {
            return new ReplicatingServerProcess(jvm, site.dataDir(), jvm.ready(0), site.kmipPort());
        }
        try {
            // The API listens on loopback inside the namespace: the test reaches it, and KMIP, through the relay.
            URI api = URI.create(jvm.ready(0));
            String baseUrl = api.getScheme() + "://" + DevMode.HOST + ":" + jvm.forward(DevMode.HOST, api.getPort());
            return new ReplicatingServerProcess(jvm, site.dataDir(), baseUrl, jvm.forward(site.host(),
                    site.kmipPort()));
        } catch (IOException | RuntimeException e) {
            jvm.close();
            throw e;
        }
    }

    /** The REST API's URL for the test (through the relay when the server runs in a namespace of its own). */
    public String baseUrl() {
        return baseUrl;
    }

    /** An admin token of the project {@code dev}, issued by this start of the process. */
    public String token() {
        return jvm.ready(1);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The KMIP port the test connects to on {@link DevMode#HOST} (the relay's when in a namespace of its own). */
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
     * The server process: data directory, lockbox identity, KMIP address and port, lockbox keys directory, then each
     * push peer as {@code name@host@kmipPort@dataDir}. Prints {@code READY <base URL> <token>}.
     */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            Path dataDir = Path.of(args[0]);
            String name = args[1];
            String host = args[2];
            int kmipPort = Integer.parseInt(args[3]);
            Path keys = Path.of(args[4]);
            List<DonjonConfig.LockboxPeer> peers = new ArrayList<>();
            for (int i = 5; i < args.length; i++) {
                String[] peer = args[i].split("@", 4);
                Path peerDir = Path.of(peer[3]);
                peers.add(new DonjonConfig.LockboxPeer(peer[0], keys.resolve(peer[0] + "-sign.pem"),
                        keys.resolve(peer[0] + "-enc.pem"), null, null, false,
                        new DonjonConfig.ReplicationPush(peer[1], Integer.parseInt(peer[2]),
                                peerDir.resolve(DevPki.CA_CERTIFICATE), peerDir.resolve(DevMode.KMIP_CLIENT_CERTIFICATE),
                                peerDir.resolve(DevMode.KMIP_CLIENT_KEY))));
            }
            DonjonConfig dev = DevMode.config(dataDir, false, 0);
            DonjonConfig.Kmip kmip = dev.kmip();
            DonjonConfig config = new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(), dev.tls(),
                    dev.behindTlsProxy(), dev.database(), dev.masterKey(), dev.auth(), dev.limits(),
                    new DonjonConfig.Kmip(true, new DonjonConfig.Listen(host, kmipPort), kmip.certificate(),
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
