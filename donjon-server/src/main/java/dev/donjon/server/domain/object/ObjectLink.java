package dev.donjon.server.domain.object;

/** @param target the linked object's identifier, as the client gave it (it need not name a Donjon object) */
public record ObjectLink(LinkKind kind, String target) {
    public ObjectLink {
        if (kind == null || target == null) {
            throw new IllegalArgumentException("a link needs a kind and a target");
        }
    }
}
