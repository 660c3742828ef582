package dev.donjon.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The command line of {@link RestLoad}. Parsed by hand: the bench jar carries no CLI library.
 *
 * @param url           server base URL, without trailing slash ({@code /v1/...} is appended)
 * @param caCert        PEM file of the CA(s) to trust; null means the JDK's default trust store
 * @param credentials   sent on every request
 * @param operations    run in this order at each concurrency
 * @param concurrencies number of concurrent connections, one run per value
 * @param duration      measured time per run
 * @param warmup        unmeasured time before each run
 * @param json          print JSON lines instead of the table
 * @param serverPid     a server process on this machine whose CPU time per operation each run reports (stderr)
 */
record BenchOptions(URI url, Path caCert, RestCredentials credentials, List<RestCall> operations,
                           List<Integer> concurrencies, Duration duration, Duration warmup, boolean json,
                           OptionalLong serverPid) {

    public static final String USAGE = """
            usage: run-rest.sh [--url https://127.0.0.1:9311] [--cacert ca.pem]
                               (--token T | --project P [--roles admin])
                               [--op post|get-meta|get-payload|delete|post-new-project|all] [--concurrency 1,16]
                               [--duration 10s] [--warmup 3s] [--json] [--server-pid PID]

              --url          server base URL, https:// (verified against --cacert) or http://   [https://127.0.0.1:9311]
              --cacert       PEM CA certificate(s) to trust; without it the JDK trust store is used
              --token        API token, sent as X-Auth-Token
              --project      trusted-header identity (X-Project-Id); --roles sets X-Roles
              --op           operations, comma-separated; all = post,get-meta,get-payload,delete   [all]
                             post-new-project: each POST in a new project (cold KEK; needs --project)
              --concurrency  concurrent keep-alive connections, comma-separated for several runs  [1,16]
              --duration     measured time per run: 10s, 500ms, 2m                             [10s]
              --warmup       unmeasured time before each run                                    [3s]
              --json         print one JSON object per run instead of the table
              --server-pid   the server's process id (same machine): report its CPU time per request
                             over each measured window (user + system, all its threads) on stderr
            TLS is always verified; there is no --insecure.
            """;

    private static final Set<String> VALUE_OPTIONS =
            Set.of("url", "cacert", "token", "project", "roles", "op", "concurrency", "duration", "warmup",
                    "server-pid");
    private static final Set<String> FLAGS = Set.of("json");

    public static BenchOptions parse(String... args) {
        Map<String, String> given = Args.parse(args, VALUE_OPTIONS, FLAGS);

        URI url = url(given.getOrDefault("url", "https://127.0.0.1:9311"));
        Path caCert = given.containsKey("cacert") ? Path.of(given.get("cacert")) : null;
        if (caCert != null && url.getScheme().equals("http")) {
            throw new UsageException("--cacert given for a plain http:// URL");
        }
        Duration duration = Args.duration("duration", given.getOrDefault("duration", "10s"));
        if (duration.isZero()) {
            throw new UsageException("--duration must be positive");
        }
        return new BenchOptions(url, caCert, credentials(given),
                operations(given.getOrDefault("op", "all")),
                Args.concurrencies(given.getOrDefault("concurrency", "1,16")),
                duration, Args.duration("warmup", given.getOrDefault("warmup", "3s")), given.containsKey("json"),
                serverPid(given.get("server-pid")));
    }

    private static OptionalLong serverPid(String given) {
        if (given == null) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(given);
            if (pid > 0) {
                return OptionalLong.of(pid);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--server-pid: '" + given + "' is not a process id");
    }

    public int maxConcurrency() {
        return concurrencies.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("--url: " + e.getMessage());
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new UsageException("--url must be an https:// or http:// URL");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException("--url must name a host and have no query or fragment: " + text);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }

    private static RestCredentials credentials(Map<String, String> given) {
        String token = given.get("token");
        String project = given.get("project");
        String roles = given.get("roles");
        if (token != null && (project != null || roles != null)) {
            throw new UsageException("give either --token or --project/--roles, not both");
        }
        if (token != null) {
            return new RestCredentials.ApiToken(token);
        }
        if (project != null) {
            return new RestCredentials.TrustedHeaders(project, roles);
        }
        throw new UsageException(roles != null ? "--roles needs --project"
                : "authentication required: --token T, or --project P [--roles R] if the server trusts identity headers");
    }

    private static List<RestCall> operations(String text) {
        Set<RestCall> ops = new LinkedHashSet<>();
        for (String name : Args.items("op", text)) {
            ops.addAll(name.equals("all") ? List.of(RestCall.POST, RestCall.GET_META, RestCall.GET_PAYLOAD,
                    RestCall.DELETE) : List.of(RestCall.byCliName(name)));
        }
        return List.copyOf(ops);
    }
}
