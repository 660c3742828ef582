package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.domain.access.Acl;
import dev.donjon.server.domain.access.AclService;
import dev.donjon.server.domain.barbican.ContainerId;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** {@code /v1/secrets/{id}/acl} and {@code /v1/containers/{id}/acl}: the read ACL of one object. */
public final class AclsApi implements Routes {
    private static final String SCHEMA = "ACL";

    private final AclService acls;
    private final Links links;

    public AclsApi(AclService acls, Links links) {
        this.acls = acls;
        this.links = links;
    }

    @Override
    public void register(Router router) {
        for (boolean secrets : new boolean[] {true, false}) {
            String path = secrets ? "/v1/secrets/{id}/acl" : "/v1/containers/{id}/acl";
            router.add("GET", path, request -> get(request, target(request, secrets)))
                    .add("PUT", path, request -> change(request, target(request, secrets), true))
                    .add("PATCH", path, request -> change(request, target(request, secrets), false))
                    .add("DELETE", path, request -> reset(request, target(request, secrets)));
        }
    }

    /** The {@code read} entry; users and timestamps appear once an ACL has been set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Read(@JsonProperty("project-access") boolean projectAccess, List<String> users, String created,
                String updated) {
    }

    private Reply get(RestRequest request, AclService.Target target) {
        Acl acl = acls.get(request.call(), target);
        Read read = acl.isDefault() ? new Read(true, null, null, null)
                : new Read(acl.projectAccess(), acl.users(), Timestamps.format(acl.created()),
                Timestamps.format(acl.updated()));
        return new Reply.Json(200, Map.of("read", read));
    }

    private Reply change(RestRequest request, AclService.Target target, boolean replace) {
        acls.change(request.call(), target, parse(request), replace);
        return new Reply.Json(200, Map.of("acl_ref", aclRef(target)));
    }

    private Reply reset(RestRequest request, AclService.Target target) {
        acls.reset(request.call(), target);
        return new Reply.Json(200, null);
    }

    private static Acl.Change parse(RestRequest request) {
        JsonNode body = Bodies.object(request, SCHEMA);
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("read")) {
                throw ApiError.schema(SCHEMA, "Additional properties are not allowed ('" + name + "' was unexpected)",
                        "None");
            }
        }
        JsonNode read = body.get("read");
        if (read == null) {
            return new Acl.Change(null, null);
        }
        if (!read.isObject()) {
            throw ApiError.schema(SCHEMA, Json.repr(read) + " is not of type 'object'", "read");
        }
        Boolean projectAccess = null;
        JsonNode access = read.get("project-access");
        if (access != null) {
            if (!access.isBoolean()) {
                throw ApiError.schema(SCHEMA, Json.repr(access) + " is not of type 'boolean'", "read");
            }
            projectAccess = access.asBoolean();
        }
        List<String> users = null;
        JsonNode list = read.get("users");
        if (list != null) {
            if (!list.isArray()) {
                throw ApiError.schema(SCHEMA, Json.repr(list) + " is not of type 'array'", "read");
            }
            users = new ArrayList<>();
            for (JsonNode user : list) {
                if (!user.isTextual()) {
                    throw ApiError.schema(SCHEMA, Json.repr(user) + " is not of type 'string'", "read");
                }
                String name = user.asText().strip();
                if (!name.isEmpty() && !users.contains(name)) {
                    users.add(name);
                }
            }
        }
        return new Acl.Change(projectAccess, users);
    }

    private String aclRef(AclService.Target target) {
        return switch (target) {
            case AclService.Target.OfSecret secret -> links.secret(secret.id()) + "/acl";
            case AclService.Target.OfContainer container -> links.container(container.id()) + "/acl";
        };
    }

    private static AclService.Target target(RestRequest request, boolean secret) {
        return secret
                ? new AclService.Target.OfSecret(SecretsApi.secretId(request))
                : new AclService.Target.OfContainer(ContainerId.parse(request.path("id"))
                .orElseThrow(() -> ApiError.notFound("Secrets container not found.")));
    }
}
