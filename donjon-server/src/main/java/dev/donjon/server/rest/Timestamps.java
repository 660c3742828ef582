package dev.donjon.server.rest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Barbican's timestamps: ISO-8601 in UTC without a zone designator; input may carry a zone or not. */
final class Timestamps {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private Timestamps() {
    }

    static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDateTime utc = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        return (utc.getNano() == 0 ? SECONDS : MICROS).format(utc);
    }

    /**
     * A timestamp as Barbican reads one (oslo's {@code parse_isotime}, that is {@code iso8601.parse_date} 1.0): the
     * date alone or with a time after {@code T} or a space, extended or basic format, seconds with a fraction after
     * {@code .} or {@code ,} (kept to the microsecond, the rest dropped), and a zone {@code Z}, {@code +hh},
     * {@code +hhmm} or {@code +hh:mm}; without a zone, UTC. So Python's {@code str(datetime)}
     * ({@code 2026-12-05 05:10:11.123456}) and {@code time.strftime("%z")} offsets ({@code +0000}) are taken, as
     * Barbican's clients and functional tests send them.
     *
     * @throws DateTimeParseException when the text is not such a timestamp, or names no real date and time
     */
    static Instant parse(String text) {
        String trimmed = text.trim();
        Matcher m = ISO8601.matcher(trimmed);
        if (!m.matches()) {
            throw new DateTimeParseException("not an ISO 8601 timestamp", trimmed, 0);
        }
        try {
            int year = Integer.parseInt(m.group("year"));
            if (year < 1) {
                throw new DateTimeParseException("year 0 does not exist", trimmed, 0);
            }
            String fraction = m.group("fraction") == null ? "" : m.group("fraction");
            int micros = Integer.parseInt((fraction + "000000").substring(0, 6));
            LocalDateTime local = LocalDateTime.of(year, number(m, "month", "monthdash", 1),
                    number(m, "day", "daydash", 1), number(m, "hour", null, 0), number(m, "minute", null, 0),
                    number(m, "second", null, 0), micros * 1000);
            return local.toInstant(ZoneOffset.UTC).minusSeconds(offsetSeconds(m, trimmed));
        } catch (DateTimeException e) {
            throw new DateTimeParseException(e.getMessage(), trimmed, 0);
        }
    }

    /** iso8601 1.0's ISO8601_REGEX, with Java group names. */
    private static final Pattern ISO8601 = Pattern.compile("""
            (?<year>[0-9]{4})
            (
                (
                    (-(?<monthdash>[0-9]{1,2}))
                    |
                    (?<month>[0-9]{2})
                    (?!$)
                )
                (
                    (
                        (-(?<daydash>[0-9]{1,2}))
                        |
                        (?<day>[0-9]{2})
                    )
                    (
                        (
                            [\\ T]
                            (?<hour>[0-9]{2})
                            (:?(?<minute>[0-9]{2}))?
                            (
                                :?(?<second>[0-9]{1,2})
                                ([.,](?<fraction>[0-9]+))?
                            )?
                            (?<zone>
                                Z
                                |
                                (
                                    (?<sign>[-+])
                                    (?<zonehour>[0-9]{2})
                                    :?
                                    (?<zoneminute>[0-9]{2})?
                                )
                            )?
                        )?
                    )
                )?
            )?
            """, Pattern.COMMENTS);

    private static int number(Matcher m, String group, String alternative, int absent) {
        String value = m.group(group);
        if (value == null && alternative != null) {
            value = m.group(alternative);
        }
        return value == null ? absent : Integer.parseInt(value);
    }

    /** The zone's offset east of UTC; Python's timezone takes anything strictly within a day. */
    private static long offsetSeconds(Matcher m, String text) {
        if (m.group("sign") == null) {
            return 0;
        }
        long seconds = Integer.parseInt(m.group("zonehour")) * 3600L
                + (m.group("zoneminute") == null ? 0 : Integer.parseInt(m.group("zoneminute")) * 60L);
        if (seconds >= 24 * 3600) {
            throw new DateTimeParseException("zone offset out of range", text, 0);
        }
        return m.group("sign").equals("-") ? -seconds : seconds;
    }

    /**
     * A resource's {@code expiration} as Barbican validates it, errors in the {@code schema}'s words: an ISO-8601
     * date-time after {@code now}.
     */
    static Instant futureExpiration(String text, Instant now, String schema) {
        Instant expiration;
        try {
            expiration = parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.schema(schema, "Invalid date for 'expiration'", "expiration");
        }
        if (!expiration.isAfter(now)) {
            throw ApiError.schema(schema, "'expiration' is before current time", "expiration");
        }
        return expiration;
    }
}
