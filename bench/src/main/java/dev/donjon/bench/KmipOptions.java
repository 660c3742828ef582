package dev.donjon.bench;

import dev.donjon.kmip.message.ProtocolVersion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The command line of {@link KmipLoad}.
 *
 * @param newConnectionPerOperation open (and resume) a TLS connection for every operation instead of keeping one
 *                                  per worker
 * @param preload                   extra objects to store before the runs, so that Locate searches a large store
 * @param serverPid                 a server process on this machine whose CPU time per operation each run reports
 */
record KmipOptions(String host, int port, Path caCert, Path clientCert, Path clientKey, List<KmipCall> operations,
                   List<Integer> concurrencies, Duration duration, Duration warmup, boolean newConnectionPerOperation,
                   ProtocolVersion protocolVersion, int preload, boolean json, OptionalLong serverPid) {

    public static final String USAGE = """
            usage: run-kmip.sh [--host 127.0.0.1] [--port 5696] --cacert ca.pem --cert client.pem --key client-key.pem
                               [--op create|get|locate|destroy|all] [--concurrency 1,8] [--duration 10s]
                               [--warmup 3s] [--new-connection] [--protocol 1.4|2.1] [--preload N] [--json]
                               [--server-pid PID]

              --cacert          PEM CA certificate(s) that issued the server certificate
              --cert, --key     the client certificate and its PKCS#8 private key (the server maps it to a project)
              --op              operations, comma-separated; all = create,get,locate,destroy               [all]
              --concurrency     concurrent workers, comma-separated for several runs                     [1,8]
              --new-connection  a new TLS connection for every operation (session resumption applies)
              --protocol        KMIP protocol version of the requests                                    [1.4]
              --preload         objects to create before the runs (deleted afterwards), for Locate at scale [0]
              --json            print one JSON object per run instead of the table
              --server-pid      the server's process id (same machine): report its CPU time per operation
                                over each measured window (user + system, all its threads) on stderr
            """;

    private static final Set<String> VALUE_OPTIONS = Set.of("host", "port", "cacert", "cert", "key", "op",
            "concurrency", "duration", "warmup", "protocol", "preload", "server-pid");
    private static final Set<String> FLAGS = Set.of("new-connection", "json");

    static KmipOptions parse(String... args) {
        Map<String, String> given = Args.parse(args, VALUE_OPTIONS, FLAGS);
        for (String required : List.of("cacert", "cert", "key")) {
            if (!given.containsKey(required)) {
                throw new UsageException("--" + required + " is required");
            }
        }
        Duration duration = Args.duration("duration", given.getOrDefault("duration", "10s"));
        if (duration.isZero()) {
            throw new UsageException("--duration must be positive");
        }
        return new KmipOptions(given.getOrDefault("host", "127.0.0.1"), number("port", given.getOrDefault("port",
                "5696"), 1, 65_535), Path.of(given.get("cacert")), Path.of(given.get("cert")),
                Path.of(given.get("key")), operations(given.getOrDefault("op", "all")),
                Args.concurrencies(given.getOrDefault("concurrency", "1,8")), duration,
                Args.duration("warmup", given.getOrDefault("warmup", "3s")), given.containsKey("new-connection"),
                protocol(given.getOrDefault("protocol", "1.4")),
                number("preload", given.getOrDefault("preload", "0"), 0, 10_000_000), given.containsKey("json"),
                given.containsKey("server-pid") ? OptionalLong.of(number("server-pid", given.get("server-pid"), 1,
                        Integer.MAX_VALUE)) : OptionalLong.empty());
    }

    private static List<KmipCall> operations(String text) {
        Set<KmipCall> ops = new LinkedHashSet<>();
        for (String name : Args.items("op", text)) {
            ops.addAll(name.equals("all") ? List.of(KmipCall.values()) : List.of(KmipCall.byCliName(name)));
        }
        return List.copyOf(ops);
    }

    private static ProtocolVersion protocol(String text) {
        return switch (text) {
            case "1.4" -> ProtocolVersion.V1_4;
            case "2.1" -> ProtocolVersion.V2_1;
            default -> throw new UsageException("--protocol must be 1.4 or 2.1");
        };
    }

    private static int number(String option, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--" + option + ": '" + text + "' is not a number from " + min + " to " + max);
    }
}
