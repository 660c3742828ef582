package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** Version discovery: {@code GET /} (no authentication) and {@code GET /v1}. */
final class VersionApi {
    static final String BUILD = "donjon-0.1.0";
    private final Links links;

    VersionApi(Links links) {
        this.links = links;
    }

    record Link(String rel, @JsonInclude(JsonInclude.Include.NON_NULL) String type, String href) {
    }

    record MediaType(String base, String type) {
    }

    /** The pre-microversion shape Barbican returns when no version header is sent. */
    record LegacyVersion(String id, String status, List<Link> links,
                         @JsonProperty("media-types") List<MediaType> mediaTypes) {
    }

    record CurrentVersion(String id, String status, @JsonProperty("min_version") String minVersion,
                          @JsonProperty("max_version") String maxVersion, List<Link> links) {
    }

    Reply root(String query, boolean microversionRequested) {
        if (query != null && query.equals("build")) {
            return new Reply.Json(200, Map.of("build", BUILD));
        }
        Object version = describe(microversionRequested);
        return new Reply.Json(300, microversionRequested
                ? Map.of("versions", List.of(version))
                : Map.of("versions", Map.of("values", List.of(version))));
    }

    Reply v1(boolean microversionRequested) {
        return new Reply.Json(200, Map.of("version", describe(microversionRequested)));
    }

    private Object describe(boolean microversionRequested) {
        List<Link> linkList = List.of(new Link("self", null, links.versionRoot()),
                new Link("describedby", "text/html", "https://docs.openstack.org/"));
        return microversionRequested
                ? new CurrentVersion("v1", "CURRENT", ApiVersion.MIN.toString(), ApiVersion.MAX.toString(), linkList)
                : new LegacyVersion("v1", "stable", linkList,
                List.of(new MediaType("application/json", "application/vnd.openstack.key-manager-v1+json")));
    }
}
