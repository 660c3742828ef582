package dev.donjon.server.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offset/limit paging of the collections other than secrets, with the clamping {@link SecretListing} applies and
 * {@code previous}/{@code next} links that keep the listing's filters.
 */
record Paging(int offset, int limit, Map<String, String> filters) {
    static Paging parse(RestRequest request, List<String> filterNames) {
        int limit = Math.min(SecretListing.MAX_LIMIT, Math.max(1, intOr(request.queryParam("limit"),
                SecretListing.DEFAULT_LIMIT)));
        int offset = Math.max(0, intOr(request.queryParam("offset"), 0));
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : filterNames) {
            String value = request.queryParam(name);
            if (value != null) {
                filters.put(name, value);
            }
        }
        return new Paging(offset, limit, filters);
    }

    String filter(String name) {
        String value = filters.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Barbican's rule: no links on an empty page; previous when not at the start; next while matches remain. */
    String previous(String base, boolean emptyPage) {
        return !emptyPage && offset > 0 ? link(base, Math.max(0, offset - limit)) : null;
    }

    String next(String base, boolean emptyPage, long total) {
        return !emptyPage && total > (long) offset + limit ? link(base, offset + limit) : null;
    }

    private String link(String base, int pageOffset) {
        StringBuilder url = new StringBuilder(base).append("?limit=").append(limit).append("&offset=").append(pageOffset);
        filters.forEach((name, value) -> url.append('&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return url.toString();
    }

    private static int intOr(String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
