package dev.donjon.server.domain.replication;

import dev.donjon.server.domain.object.ManagedObject;

import java.util.List;
import java.util.Set;

/**
 * Which of the objects this server owns a push peer receives (lockbox.peers[].push.projects / .groups,
 * docs/replication.md): an edge gets a small subset of keys. An object is selected when its project is one of
 * {@code projects} (any project when empty) and it has an Object Group among {@code groups} (any object when empty).
 * Changes of other objects are not sent; the peer's cursor moves past them all the same.
 */
public record Subscription(Set<String> projects, Set<String> groups) {
    /** The KMIP Object Group attribute, as the object's text attributes name it. */
    public static final String OBJECT_GROUP = "Object Group";
    public static final Subscription EVERYTHING = new Subscription(Set.of(), Set.of());

    public Subscription {
        projects = Set.copyOf(projects);
        groups = Set.copyOf(groups);
    }

    public boolean selects(ManagedObject object) {
        if (!projects.isEmpty() && !projects.contains(object.secret().project().value())) {
            return false;
        }
        if (groups.isEmpty()) {
            return true;
        }
        List<String> held = object.attributes().text().getOrDefault(OBJECT_GROUP, List.of());
        return held.stream().anyMatch(groups::contains);
    }
}
