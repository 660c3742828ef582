package dev.donjon.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** {@code /v1/secrets/{id}/acl} and {@code /v1/containers/{id}/acl}: per-user read grants. */
public final class Acls {
    /** What an ACL is attached to. */
    public enum Target {
        SECRET("v1/secrets/"), CONTAINER("v1/containers/");

        private final String prefix;

        Target(String prefix) {
            this.prefix = prefix;
        }
    }

    private final Transport transport;

    Acls(Transport transport) {
        this.transport = transport;
    }

    public AclInfo get(Target target, String id) {
        return AclInfo.of(transport.call("GET", path(target, id), null, "application/json").json());
    }

    /** Replaces the read ACL (PUT: idempotent, so retried on another node if an answer is lost). */
    public void set(Target target, String id, List<String> users, boolean projectAccess) {
        ObjectNode body = Transport.JSON.createObjectNode();
        ObjectNode read = body.putObject("read");
        ArrayNode list = read.putArray("users");
        users.forEach(list::add);
        read.put("project-access", projectAccess);
        transport.call("PUT", path(target, id), body, "application/json");
    }

    /** Removes the ACL: back to project access only. */
    public void delete(Target target, String id) {
        transport.call("DELETE", path(target, id), null, null);
    }

    private static String path(Target target, String id) {
        return target.prefix + Refs.segment(id) + "/acl";
    }
}
