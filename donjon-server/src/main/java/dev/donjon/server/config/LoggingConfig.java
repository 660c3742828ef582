package dev.donjon.server.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the process logs ({@code logging.*}): plain text or JSON lines on standard error, the root level, levels per
 * logger, and whether the access log is written.
 *
 * @param levels    logger name (a package or {@code donjon.access}) to level
 * @param accessLog whether logger {@code donjon.access} writes one line per REST request
 */
public record LoggingConfig(Format format, String level, Map<String, String> levels, boolean accessLog) {
    public enum Format { TEXT, JSON }

    /** Logback's level names, and OFF. */
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** What a server gets without a configuration file (dev mode). */
    public static final LoggingConfig DEFAULT = new LoggingConfig(Format.TEXT, "INFO", Map.of(), true);

    public LoggingConfig {
        levels = Map.copyOf(levels);
    }

    static LoggingConfig parse(String format, String level, Map<String, String> levels, boolean accessLog) {
        Format parsedFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> throw new ConfigException("logging.format must be text or json, got '" + format + "'");
        };
        java.util.Map<String, String> checked = new java.util.TreeMap<>();
        levels.forEach((logger, value) -> checked.put(logger, level("logging.levels." + logger, value)));
        return new LoggingConfig(parsedFormat, level("logging.level", level), checked, accessLog);
    }

    private static String level(String key, String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new ConfigException(key + " must be one of TRACE, DEBUG, INFO, WARN, ERROR or OFF, got '"
                    + value + "'");
        }
        return upper;
    }
}
