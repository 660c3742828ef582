package dev.donjon.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may read a secret or container besides its project's roles.
 *
 * @param projectAccess whether the project's members keep access (false: only {@code users})
 * @param users         user ids granted read
 */
public record AclInfo(boolean projectAccess, List<String> users, JsonNode json) {
    static AclInfo of(JsonNode json) {
        JsonNode read = json.path("read");
        List<String> users = new ArrayList<>();
        read.path("users").forEach(user -> users.add(user.asText()));
        return new AclInfo(read.path("project-access").asBoolean(true), List.copyOf(users), json);
    }
}
