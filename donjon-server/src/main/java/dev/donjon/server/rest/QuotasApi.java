package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.ProjectQuotas;
import dev.donjon.server.domain.barbican.QuotaService;
import dev.donjon.server.domain.barbican.Quotas;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** {@code /v1/quotas} (the caller's effective quotas) and {@code /v1/project-quotas} (service admins). */
public final class QuotasApi implements Routes {
    private static final String SCHEMA = "Project Quota";

    private final QuotaService quotas;
    private final Links links;

    public QuotasApi(QuotaService quotas, Links links) {
        this.quotas = quotas;
        this.links = links;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/v1/quotas", this::effective)
                .add("GET", "/v1/project-quotas", this::list)
                .add("GET", "/v1/project-quotas/{project}", this::get)
                .add("PUT", "/v1/project-quotas/{project}", this::put)
                .add("DELETE", "/v1/project-quotas/{project}", this::delete);
    }

    /** Limits in Barbican's field order; unset ones are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Limits(Integer secrets, Integer orders, Integer containers, Integer consumers, Integer cas) {
        static Limits of(ProjectQuotas quotas) {
            return new Limits(quotas.secrets(), quotas.orders(), quotas.containers(), quotas.consumers(),
                    quotas.cas());
        }
    }

    record Entry(@JsonProperty("project_id") String projectId, @JsonProperty("project_quotas") Limits projectQuotas) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Listing(@JsonProperty("project_quotas") List<Entry> projectQuotas, String previous, String next,
                   long total) {
    }

    private Reply effective(RestRequest request) {
        return new Reply.Json(200, Map.of("quotas", Limits.of(quotas.effective(request.call()))));
    }

    private Reply list(RestRequest request) {
        Paging paging = Paging.parse(request, List.of());
        var page = quotas.list(request.call(), paging.offset(), paging.limit());
        String base = links.publicBase() + "/v1/project-quotas";
        boolean empty = page.items().isEmpty();
        return new Reply.Json(200, new Listing(page.items().stream()
                .map(e -> new Entry(e.project().value(), Limits.of(e.quotas()))).toList(),
                paging.previous(base, empty), paging.next(base, empty, page.total()), page.total()));
    }

    private Reply get(RestRequest request) {
        return new Reply.Json(200, Map.of("project_quotas", Limits.of(quotas.get(request.call(), project(request)))));
    }

    private Reply put(RestRequest request) {
        ProjectId project = project(request);
        JsonNode body = Bodies.object(request, SCHEMA);
        JsonNode limits = body.get("project_quotas");
        if (limits == null) {
            throw ApiError.schema(SCHEMA, "'project_quotas' is a required property", "project_quotas");
        }
        if (!limits.isObject()) {
            throw ApiError.schema(SCHEMA, Json.repr(limits) + " is not of type 'object'", "project_quotas");
        }
        Map<Quotas.Resource, Integer> values = new EnumMap<>(Quotas.Resource.class);
        Iterator<Map.Entry<String, JsonNode>> fields = limits.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Quotas.Resource resource = resource(field.getKey());
            JsonNode value = field.getValue();
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw ApiError.schema(SCHEMA, Json.repr(value) + " is not of type 'integer'", "project_quotas");
            }
            if (value.asInt() < Quotas.UNLIMITED) {
                throw ApiError.schema(SCHEMA, value.asInt() + " is less than the minimum of -1", "project_quotas");
            }
            values.put(resource, value.asInt());
        }
        quotas.put(request.call(), project, new ProjectQuotas(values.get(Quotas.Resource.SECRETS),
                values.get(Quotas.Resource.ORDERS), values.get(Quotas.Resource.CONTAINERS),
                values.get(Quotas.Resource.CONSUMERS), values.get(Quotas.Resource.CAS)));
        return new Reply.Empty(204);
    }

    private Reply delete(RestRequest request) {
        quotas.delete(request.call(), project(request));
        return new Reply.Empty(204);
    }

    private static Quotas.Resource resource(String name) {
        for (Quotas.Resource resource : Quotas.Resource.values()) {
            if (resource.wireName().equals(name)) {
                return resource;
            }
        }
        throw ApiError.schema(SCHEMA, "Additional properties are not allowed ('" + name + "' was unexpected)",
                "project_quotas");
    }

    private static ProjectId project(RestRequest request) {
        return new ProjectId(request.path("project"));
    }
}
