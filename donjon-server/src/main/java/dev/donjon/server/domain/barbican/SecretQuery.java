package dev.donjon.server.domain.barbican;

import java.time.Instant;
import java.util.List;

/**
 * A secret listing: equality filters (null = any), time-range filters, sort keys and a page window.
 * Expired secrets are always left out, an {@code expiration} filter included, as Barbican 15.0.1's query does
 * (its {@code get_secret_list} filters them before and whatever the date filters).
 */
public record SecretQuery(
        String name,
        String algorithm,
        String mode,
        Integer bitLength,
        SecretType type,
        List<TimeFilter> created,
        List<TimeFilter> updated,
        List<TimeFilter> expiration,
        List<Sort> sort,
        int offset,
        int limit) {

    public SecretQuery {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        expiration = List.copyOf(expiration);
        sort = List.copyOf(sort);
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
    }

    public static SecretQuery all(int offset, int limit) {
        return new SecretQuery(null, null, null, null, null, List.of(), List.of(), List.of(), List.of(), offset, limit);
    }

    public enum Comparison { EQ, GT, GTE, LT, LTE }

    public record TimeFilter(Comparison comparison, Instant instant) {
    }

    public enum SortField { ALGORITHM, BIT_LENGTH, CREATED, EXPIRATION, MODE, NAME, SECRET_TYPE, STATUS, UPDATED }

    public record Sort(SortField field, boolean descending) {
    }
}
