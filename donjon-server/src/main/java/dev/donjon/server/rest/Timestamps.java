package dev.donjon.server.rest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

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

    /** @throws DateTimeParseException when the text is not an ISO-8601 date-time */
    static Instant parse(String text) {
        String trimmed = text.trim();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException zoneless) {
            return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
        }
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
