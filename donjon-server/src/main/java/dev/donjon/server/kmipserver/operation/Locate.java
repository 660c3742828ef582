package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.ObjectGroupMemberOption;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.StorageStatusMask;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.LocateCriterion;
import dev.donjon.server.domain.object.LocateQuery;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Locate (KMIP 1.4 §4.9, 2.1 §6.1.28): the caller's objects matching every attribute given ({@link LocateFilters}),
 * most recently created first, paged by Maximum Items and Offset Items.
 */
final class Locate implements KmipOperation<RequestPayload.Locate, ResponsePayload.Locate> {
    /** Locate without Maximum Items returns at most this many identifiers, so that no request reads a whole project. */
    static final int DEFAULT_MAXIMUM_ITEMS = 1000;

    private final KeyService keys;

    Locate(KeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<RequestPayload.Locate> requestType() {
        return RequestPayload.Locate.class;
    }

    @Override
    public ResponsePayload.Locate serve(OperationContext context, RequestPayload.Locate request) {
        int maximum = request.maximumItems().orElse(DEFAULT_MAXIMUM_ITEMS);
        int offset = request.offsetItems().orElse(0);
        List<Entry> filters = new ArrayList<>(NewObjects.entries(request.attributes()));
        Optional<ObjectGroupMemberOption> member = request.objectGroupMember();
        if (member.isPresent()) {
            if (filters.stream().noneMatch(f -> f.name().equals(KmipAttribute.OBJECT_GROUP.v1Name()))) {
                throw new KmipError(ResultReason.INVALID_FIELD, "Object Group Member needs an Object Group");
            }
            switch (member.get()) {
                // Donjon's policy for the group's default member: the most recently created, which comes first.
                case GROUP_MEMBER_DEFAULT -> maximum = Math.min(maximum, 1);
                // "matching candidate objects SHALL be fresh objects from the object group" (KMIP 1.4 §4.9); Donjon
                // does not make new members on the fly when none is left.
                case GROUP_MEMBER_FRESH -> filters.add(new Entry(KmipAttribute.FRESH.v1Name(), 0,
                        new Ttlv.BooleanItem(KmipAttribute.FRESH.tag(), true)));
            }
        }
        Optional<List<LocateCriterion>> criteria = LocateFilters.criteria(filters, context.v2());
        Optional<LocateQuery.Storage> storage = storage(request.storageStatusMask(), criteria.orElse(List.of()));
        Page<SecretId> found = storage.isEmpty() || criteria.isEmpty() ? new Page<>(List.of(), 0)
                : keys.locate(context.call(), new LocateQuery(criteria.get(), storage.get(), maximum, offset));
        // Located Items is optional (KMIP 1.4 §4.9, 2.1 §6.1.28); Donjon counts when the client pages. 1.0-1.2 lack it.
        boolean paging = request.maximumItems().isPresent() || request.offsetItems().isPresent();
        Optional<Integer> located = paging && (context.v2() || context.minor() >= 3)
                ? Optional.of((int) Math.min(Integer.MAX_VALUE, found.total())) : Optional.empty();
        // "If a single Unique Identifier is returned to the client, then the server SHALL copy the Unique Identifier
        // returned by this operation into the ID Placeholder variable. If the Locate operation matches more than one
        // object, and the Maximum Items value is omitted in the request, or is set to a value larger than one, then
        // the server SHALL empty the ID Placeholder" (KMIP 1.4 §4.9, 2.1 §6.1.28).
        if (found.items().size() == 1) {
            context.placeholder(found.items().getFirst());
        } else if (found.total() > 1 && maximum > 1) {
            context.clearPlaceholder();
        }
        return new ResponsePayload.Locate(located, found.items().stream().map(SecretId::toString).toList());
    }

    /**
     * Which objects a Locate searches (KMIP 2.1 §6.1.28): the Storage Status Mask's On-line and Destroyed bits, Donjon
     * archiving nothing; without a mask on-line objects, and destroyed ones too when the State criterion asks for a
     * destroyed state. Empty when the mask leaves nothing to search (archived objects only, say).
     */
    private static Optional<LocateQuery.Storage> storage(Optional<Integer> mask, List<LocateCriterion> criteria) {
        if (mask.isEmpty()) {
            boolean destroyedState = criteria.stream().anyMatch(c -> c instanceof LocateCriterion.InState(
                    LifecycleState state) && state.isDestroyed());
            return Optional.of(destroyedState ? LocateQuery.Storage.DESTROYED : LocateQuery.Storage.ONLINE);
        }
        boolean online = (mask.get() & StorageStatusMask.ON_LINE_STORAGE.code()) != 0;
        boolean destroyed = (mask.get() & StorageStatusMask.DESTROYED_STORAGE.code()) != 0;
        if (online && destroyed) {
            return Optional.of(LocateQuery.Storage.ANY);
        }
        if (online || destroyed) {
            return Optional.of(online ? LocateQuery.Storage.ONLINE : LocateQuery.Storage.DESTROYED);
        }
        return Optional.empty();
    }
}
