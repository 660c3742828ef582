package dev.donjon.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 */
record BenchOptions(URI url, Path caCert, Credentials credentials, List<Operation> operations,
                           List<Integer> concurrencies, Duration duration, Duration warmup, boolean json) {

    public static final String USAGE = """
            usage: run-rest.sh [--url https://127.0.0.1:9311] [--cacert ca.pem]
                               (--token T | --project P [--roles admin])
                               [--op post|get-meta|get-payload|delete|all] [--concurrency 1,16]
                               [--duration 10s] [--warmup 3s] [--json]

              --url          server base URL, https:// (verified against --cacert) or http://   [https://127.0.0.1:9311]
              --cacert       PEM CA certificate(s) to trust; without it the JDK trust store is used
              --token        API token, sent as X-Auth-Token
              --project      trusted-header identity (X-Project-Id); --roles sets X-Roles
              --op           operations, comma-separated; all = post,get-meta,get-payload,delete   [all]
              --concurrency  concurrent keep-alive connections, comma-separated for several runs  [1,16]
              --duration     measured time per run: 10s, 500ms, 2m                             [10s]
              --warmup       unmeasured time before each run                                    [3s]
              --json         print one JSON object per run instead of the table
            TLS is always verified; there is no --insecure.
            """;

    private static final Set<String> VALUE_OPTIONS =
            Set.of("url", "cacert", "token", "project", "roles", "op", "concurrency", "duration", "warmup");
    private static final Set<String> FLAGS = Set.of("json");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");
    private static final int MAX_CONCURRENCY = 10_000;

    public static BenchOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            String value;
            if (name.equals("insecure")) {
                throw new UsageException("--insecure is not supported: TLS is always verified; "
                        + "pass the server's CA certificate with --cacert");
            } else if (FLAGS.contains(name)) {
                if (eq >= 0) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (VALUE_OPTIONS.contains(name)) {
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
            if (given.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }

        URI url = url(given.getOrDefault("url", "https://127.0.0.1:9311"));
        Path caCert = given.containsKey("cacert") ? Path.of(given.get("cacert")) : null;
        if (caCert != null && url.getScheme().equals("http")) {
            throw new UsageException("--cacert given for a plain http:// URL");
        }
        Duration duration = duration("duration", given.getOrDefault("duration", "10s"));
        if (duration.isZero()) {
            throw new UsageException("--duration must be positive");
        }
        return new BenchOptions(url, caCert, credentials(given),
                operations(given.getOrDefault("op", "all")),
                concurrencies(given.getOrDefault("concurrency", "1,16")),
                duration, duration("warmup", given.getOrDefault("warmup", "3s")), given.containsKey("json"));
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

    private static Credentials credentials(Map<String, String> given) {
        String token = given.get("token");
        String project = given.get("project");
        String roles = given.get("roles");
        if (token != null && (project != null || roles != null)) {
            throw new UsageException("give either --token or --project/--roles, not both");
        }
        if (token != null) {
            return new Credentials.ApiToken(token);
        }
        if (project != null) {
            return new Credentials.TrustedHeaders(project, roles);
        }
        throw new UsageException(roles != null ? "--roles needs --project"
                : "authentication required: --token T, or --project P [--roles R] if the server trusts identity headers");
    }

    private static List<Operation> operations(String text) {
        Set<Operation> ops = new LinkedHashSet<>();
        for (String name : items("op", text)) {
            ops.addAll(name.equals("all") ? List.of(Operation.values()) : List.of(Operation.byCliName(name)));
        }
        return List.copyOf(ops);
    }

    private static List<Integer> concurrencies(String text) {
        Set<Integer> values = new LinkedHashSet<>();
        for (String item : items("concurrency", text)) {
            int n;
            try {
                n = Integer.parseInt(item);
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1 || n > MAX_CONCURRENCY) {
                throw new UsageException("--concurrency: '" + item + "' is not a number from 1 to " + MAX_CONCURRENCY);
            }
            values.add(n);
        }
        return List.copyOf(values);
    }

    private static List<String> items(String option, String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            if (item.isBlank()) {
                throw new UsageException("--" + option + ": empty item in '" + text + "'");
            }
            items.add(item.strip());
        }
        return items;
    }

    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new UsageException("--" + option + ": '" + text + "' is not a duration like 10s, 500ms or 2m");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
