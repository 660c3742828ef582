package dev.donjon.server.rest;

import dev.donjon.server.domain.barbican.SecretQuery;
import dev.donjon.server.domain.barbican.SecretQuery.Comparison;
import dev.donjon.server.domain.barbican.SecretQuery.Sort;
import dev.donjon.server.domain.barbican.SecretQuery.SortField;
import dev.donjon.server.domain.barbican.SecretQuery.TimeFilter;
import dev.donjon.server.domain.barbican.SecretType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/secrets} query parameters, read with Barbican's leniency for paging (bad numbers fall back to
 * defaults) and its strictness for dates and sort keys (400).
 *
 * @param query     the domain query, or empty when a filter can match nothing (an unknown secret type)
 * @param filters   the filter parameters as given, kept in the pagination links
 */
record SecretListing(Optional<SecretQuery> query, int offset, int limit, Map<String, String> filters) {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    private static final List<String> FILTER_NAMES =
            List.of("name", "alg", "mode", "bits", "secret_type", "created", "updated", "expiration", "sort", "acl_only");

    static SecretListing parse(RestRequest request) {
        int limit = Math.min(MAX_LIMIT, Math.max(1, intOr(request.queryParam("limit"), DEFAULT_LIMIT)));
        int offset = Math.max(0, intOr(request.queryParam("offset"), 0));
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : FILTER_NAMES) {
            String value = request.queryParam(name);
            if (value != null) {
                filters.put(name, value);
            }
        }
        Integer bits = filters.containsKey("bits") ? intOrNull(filters.get("bits")) : null;
        SecretType type = null;
        if (filters.containsKey("secret_type")) {
            Optional<SecretType> known = SecretType.fromWire(filters.get("secret_type"));
            if (known.isEmpty()) {
                return new SecretListing(Optional.empty(), offset, limit, filters);
            }
            type = known.get();
        }
        List<TimeFilter> created = timeFilters(filters.get("created"));
        List<TimeFilter> updated = timeFilters(filters.get("updated"));
        List<TimeFilter> expiration = timeFilters(filters.get("expiration"));
        List<Sort> sort = sort(filters.get("sort"));
        SecretQuery query = new SecretQuery(blankToNull(filters.get("name")), blankToNull(filters.get("alg")),
                blankToNull(filters.get("mode")), bits, type, created, updated, expiration, sort, offset, limit);
        return new SecretListing(Optional.of(query), offset, limit, filters);
    }

    /**
     * As Barbican, {@code acl_only=true} lists the secrets whose ACL names the calling user, from any project and
     * regardless of the other filters; it is ignored when the caller names no user.
     */
    static boolean aclOnly(RestRequest request) {
        return "true".equalsIgnoreCase(request.queryParam("acl_only")) && request.call().principal().userId() != null;
    }

    /** A link to another page of the same listing, with the same filters. */
    String link(String base, int pageOffset) {
        StringBuilder url = new StringBuilder(base).append("?limit=").append(limit).append("&offset=").append(pageOffset);
        filters.forEach((name, value) -> url.append('&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return url.toString();
    }

    private static List<TimeFilter> timeFilters(String text) {
        if (text == null) {
            return List.of();
        }
        List<TimeFilter> result = new ArrayList<>();
        for (String part : text.split(",")) {
            Comparison comparison = Comparison.EQ;
            String value = part;
            int colon = part.indexOf(':');
            if (colon > 0 && colon <= 3 && !Character.isDigit(part.charAt(0))) {
                comparison = switch (part.substring(0, colon).toLowerCase(Locale.ROOT)) {
                    case "gt" -> Comparison.GT;
                    case "gte" -> Comparison.GTE;
                    case "lt" -> Comparison.LT;
                    case "lte" -> Comparison.LTE;
                    default -> throw invalidQuery();
                };
                value = part.substring(colon + 1);
            }
            try {
                result.add(new TimeFilter(comparison, Timestamps.parse(value)));
            } catch (DateTimeParseException e) {
                throw invalidQuery();
            }
        }
        return result;
    }

    private static List<Sort> sort(String text) {
        if (text == null) {
            return List.of();
        }
        List<Sort> result = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] keyAndDirection = part.trim().split(":", -1);
            if (keyAndDirection.length > 2) {
                throw invalidQuery();
            }
            SortField field = switch (keyAndDirection[0].trim()) {
                case "algorithm" -> SortField.ALGORITHM;
                case "bit_length" -> SortField.BIT_LENGTH;
                case "created" -> SortField.CREATED;
                case "expiration" -> SortField.EXPIRATION;
                case "mode" -> SortField.MODE;
                case "name" -> SortField.NAME;
                case "secret_type" -> SortField.SECRET_TYPE;
                case "status" -> SortField.STATUS;
                case "updated" -> SortField.UPDATED;
                default -> throw invalidQuery();
            };
            boolean descending = false;
            if (keyAndDirection.length == 2) {
                descending = switch (keyAndDirection[1].trim().toLowerCase(Locale.ROOT)) {
                    case "asc" -> false;
                    case "desc" -> true;
                    default -> throw invalidQuery();
                };
            }
            result.add(new Sort(field, descending));
        }
        return result;
    }

    private static ApiError invalidQuery() {
        return new ApiError(400, "URI provided invalid query string parameters.");
    }

    private static int intOr(String text, int fallback) {
        Integer value = intOrNull(text);
        return value == null ? fallback : value;
    }

    private static Integer intOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
