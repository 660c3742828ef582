package dev.donjon.server.app;

import dev.donjon.server.interop.DebianPackages;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hosts for a test as Linux network namespaces: each host a namespace {@code dj4-<pid>-<n>-<host>} with one interface
 * {@code eth0} at 10.74.0.x/24, all plugged (veth) into a bridge in a namespace of their own, the switch
 * ({@code dj4-<pid>-<n>-sw}). Nothing is added to the machine's own network namespace: the hosts reach each other and
 * nothing else, and the test reaches servers in them through {@link ServerJvm}'s relay. A host can be cut off
 * ({@link #partition}): nftables in its namespace drops every packet in and out of {@code eth0}, as a failed link
 * or a firewall does, so that peers see silence (connect and read timeouts), not refusals.
 *
 * <p>The namespaces are removed on {@link #close}, and by a shutdown hook if the test JVM ends first; namespaces of
 * earlier test JVMs that are gone (the pid in their name) are removed on creation. Needs root and {@code ip}: when
 * they are missing the test fails under {@code CI=true} and is skipped otherwise.
 */
public final class NetworkNamespaces implements AutoCloseable {
    private static final String PREFIX = "dj4-";
    private static final String PARTITION_TABLE = "dj4partition";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final String run;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Thread cleanup = new Thread(this::removeAll);

    private NetworkNamespaces(String run) {
        this.run = run;
    }

    /** Creates the switch and one namespace per host name (short names: they end up in interface names). */
    public static NetworkNamespaces create(String... hosts) {
        if (!"root".equals(System.getProperty("user.name"))) {
            unavailable("network namespaces need root");
        }
        removeStale();
        NetworkNamespaces namespaces = new NetworkNamespaces(PREFIX + ProcessHandle.current().pid() + "-"
                + RUNS.getAndIncrement());
        Runtime.getRuntime().addShutdownHook(namespaces.cleanup);
        try {
            String sw = namespaces.run + "-sw";
            ip("netns", "add", sw);
            ip("-n", sw, "link", "add", "br0", "type", "bridge");
            ip("-n", sw, "link", "set", "br0", "up");
            for (int i = 0; i < hosts.length; i++) {
                String host = hosts[i];
                String namespace = namespaces.namespace(host);
                String address = "10.74.0." + (11 + i);
                ip("netns", "add", namespace);
                ip("-n", sw, "link", "add", "to-" + host, "type", "veth", "peer", "name", "eth0", "netns", namespace);
                ip("-n", sw, "link", "set", "to-" + host, "master", "br0", "up");
                ip("-n", namespace, "addr", "add", address + "/24", "dev", "eth0");
                ip("-n", namespace, "link", "set", "eth0", "up");
                ip("-n", namespace, "link", "set", "lo", "up");
                namespaces.addresses.put(host, address);
            }
        } catch (IllegalStateException e) {
            namespaces.close();
            unavailable(e.getMessage());
        }
        return namespaces;
    }

    /** The namespace of {@code host}, for {@code ip netns exec}. */
    public String namespace(String host) {
        return run + "-" + host;
    }

    /** The host's address on the switch. */
    public String address(String host) {
        String address = addresses.get(host);
        if (address == null) {
            throw new IllegalArgumentException("no host " + host + " in " + addresses.keySet());
        }
        return address;
    }

    /** Drops every packet to and from the host's {@code eth0}; its loopback (the test's relay) keeps working. */
    public void partition(String host) {
        DebianPackages.require(Path.of("/usr/sbin/nft"), "nftables");
        address(host);
        nft(host, "add", "table", "inet", PARTITION_TABLE);
        nft(host, "add", "chain", "inet", PARTITION_TABLE, "in",
                "{ type filter hook input priority 0; policy accept; }");
        nft(host, "add", "chain", "inet", PARTITION_TABLE, "out",
                "{ type filter hook output priority 0; policy accept; }");
        nft(host, "add", "rule", "inet", PARTITION_TABLE, "in", "iifname", "eth0", "drop");
        nft(host, "add", "rule", "inet", PARTITION_TABLE, "out", "oifname", "eth0", "drop");
    }

    /** Ends the host's partition: packets flow again, over the connections and neighbour entries as they were. */
    public void heal(String host) {
        nft(host, "delete", "table", "inet", PARTITION_TABLE);
    }

    /** Removes every namespace of this run (the processes inside must be gone: a namespace lives while one uses it). */
    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs (or ran) removeAll, which is idempotent.
        }
    }

    private void removeAll() {
        for (String namespace : list()) {
            if (namespace.startsWith(run + "-")) {
                tryIp("netns", "delete", namespace);
            }
        }
    }

    /** Namespaces left by test JVMs that ended without closing theirs (killed). */
    private static void removeStale() {
        for (String namespace : list()) {
            String[] parts = namespace.split("-");
            if (namespace.startsWith(PREFIX) && parts.length >= 3 && parts[1].chars().allMatch(Character::isDigit)
                    && ProcessHandle.of(Long.parseLong(parts[1])).isEmpty()) {
                tryIp("netns", "delete", namespace);
            }
        }
    }

    private static List<String> list() {
        List<String> names = new ArrayList<>();
        for (String line : run(List.of("ip", "netns", "list")).split("\n")) {
            if (!line.isBlank()) {
                names.add(line.split(" ")[0]);
            }
        }
        return names;
    }

    private void nft(String host, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace(host), "nft"));
        command.addAll(List.of(args));
        run(command);
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        run(command);
    }

    private static void tryIp(String... args) {
        try {
            ip(args);
        } catch (IllegalStateException e) {
            System.err.println("cleanup: " + e.getMessage());
        }
    }

    /** @return the command's output; throws if it fails */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " interrupted", e);
        }
    }

    private static void unavailable(String problem) {
        String message = "network namespaces are not available: " + problem;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: the partition tests must run)");
        }
        Assumptions.abort(message + " (skipping; set CI=true to make this a failure)");
    }
}
