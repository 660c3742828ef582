package dev.donjon.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command-line conventions the load tools share, parsed by hand: the bench jar carries no CLI library. */
final class Args {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");
    private static final int MAX_CONCURRENCY = 10_000;

    private Args() {
    }

    /** {@code --name value}, {@code --name=value} and {@code --flag}; flags map to {@code "true"}. */
    static Map<String, String> parse(String[] args, Set<String> valueOptions, Set<String> flags) {
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
            } else if (flags.contains(name)) {
                if (eq >= 0) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (valueOptions.contains(name)) {
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

        return given;
    }

    static List<Integer> concurrencies(String text) {
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

    static List<String> items(String option, String text) {
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
