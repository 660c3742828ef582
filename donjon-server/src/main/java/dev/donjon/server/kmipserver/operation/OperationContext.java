package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.Fields;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.barbican.SecretId;

import java.util.Optional;

/**
 * What an operation sees of the request message it serves: who asks, in which protocol version, and the ID
 * Placeholder that lets a batch operate on the object an earlier item of the same batch created.
 */
public final class OperationContext {
    private final CallContext call;
    private final ProtocolVersion version;
    private String idPlaceholder;

    public OperationContext(CallContext call, ProtocolVersion version) {
        this.call = call;
        this.version = version;
    }

    public CallContext call() {
        return call;
    }

    /** The negotiated version, which the response speaks. */
    public ProtocolVersion version() {
        return version;
    }

    int minor() {
        return version.minor();
    }

    /** KMIP 2.x: attributes named by tag, Attributes structures, the newer result reasons. */
    public boolean v2() {
        return version.usesTaggedAttributes();
    }

    void placeholder(SecretId id) {
        idPlaceholder = id.toString();
    }

    /** The ID Placeholder's identifier, if an earlier item set it: what a forwarded item without one acts on. */
    public Optional<String> placeholder() {
        return Optional.ofNullable(idPlaceholder);
    }

    /** Empties the ID Placeholder, so that the batch's later items without an identifier fail. */
    void clearPlaceholder() {
        idPlaceholder = null;
    }

    /** The request's Unique Identifier text, or the ID Placeholder when the request has none. */
    String uidText(Optional<String> given) {
        return given.orElseGet(() -> {
            if (idPlaceholder == null) {
                throw KmipError.missing("Unique Identifier");
            }
            return idPlaceholder;
        });
    }

    /** The object the request names, or the ID Placeholder's; an identifier that is no Donjon one names nothing. */
    SecretId uid(Optional<String> given) {
        return parseUid(uidText(given));
    }

    /** The payload's Unique Identifier text, or the ID Placeholder when the payload has none. */
    String uidText(Structure payload) {
        return uidText(Fields.text(payload, Tag.UNIQUE_IDENTIFIER));
    }

    /** The object the payload names; an identifier that is no Donjon identifier names nothing. */
    SecretId uid(Structure payload) {
        return parseUid(uidText(payload));
    }

    /** An identifier the client gave; one that is no Donjon identifier names no object. */
    SecretId parseUid(String text) {
        return SecretId.parse(text).orElseThrow(() -> new KmipError(
                v2() ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND, "no object with that identifier"));
    }
}
