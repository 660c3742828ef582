package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.Fields;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.NewObject;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.object.Revocation;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.transfer.SealedExports;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Requested;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Import (KMIP 1.4 §4.41, 2.1 §6.1.25): Register under the client's Unique Identifier (a UUID here), in the caller's project,
 * with the attributes it supplies, the State and lifecycle dates included; Replace Existing replaces the caller's
 * object of that identifier, otherwise an existing one is Object Already Exists. The Initial and Last Change Dates
 * given are kept (an exported object keeps its history; without them the import's time is used); the server still
 * computes the Digest. Destroyed objects and wrapped key material are not imported.
 */
final class Import implements KmipOperation<RequestPayload.Import, ResponsePayload.Import> {
    /**
     * A Donjon extension (1.x custom attribute, 2.x vendor "x" attribute "donjon-transfer"): what bulk transfer the
     * import belongs to ("merge from kms1:5696 batch 3f2b..."), written in the creation's audit event, not stored.
     */
    static final String TRANSFER = "x-donjon-transfer";
    /**
     * A Donjon extension (2.x vendor "x" attribute "donjon-sealed-export"): the sealed export file the object comes
     * from, {@code ORIGIN EXPORT-ID OBJECT-ID}, claimed in the import's transaction so that a file is imported once
     * (docs/export-import.md); not stored.
     */
    static final String SEALED_EXPORT = "x-donjon-sealed-export";

    private final KeyService keys;
    private final ObjectCodec codec;
    private final NewObjects newObjects;

    Import(KeyService keys, NewObjects newObjects, ObjectCodec codec) {
        this.codec = codec;
        this.keys = keys;
        this.newObjects = newObjects;
    }

    @Override
    public Class<RequestPayload.Import> requestType() {
        return RequestPayload.Import.class;
    }

    @Override
    public ProtocolVersion since() {
        return ProtocolVersion.V1_4;
    }

    @Override
    public ResponsePayload.Import serve(OperationContext context, RequestPayload.Import request) {
        String identifier = request.uniqueIdentifier();
        SecretId id = SecretId.parse(identifier).orElseThrow(() -> KmipError.invalidField(
                "Donjon's unique identifiers are UUIDs"));
        ObjectType type = request.objectType();
        boolean replace = request.replaceExisting().orElse(false);
        List<Entry> entries = NewObjects.entries(request.attributes());
        List<Entry> rest = new ArrayList<>();
        Map<KmipAttribute, Ttlv> lifecycle = new EnumMap<>(KmipAttribute.class);
        String transfer = null;
        SealedExports.Imported sealedExport = null;
        for (Entry entry : entries) {
            KmipAttribute known = entry.known().orElse(null);
            if (known == null) {
                if (entry.name().equals(TRANSFER)) {
                    transfer = AttributeMapping.text(entry);
                } else if (entry.name().equals(SEALED_EXPORT)) {
                    sealedExport = SealedExports.Imported.parse(AttributeMapping.text(entry));
                } else {
                    rest.add(entry);
                }
                continue;
            }
            switch (known) {
                case UNIQUE_IDENTIFIER -> {
                    if (!identifier.equals(AttributeMapping.text(entry))) {
                        throw KmipError.invalidField("the Unique Identifier attribute contradicts the request");
                    }
                }
                case DIGEST -> {
                    // Set by the server from what it stores.
                }
                // The dates of the object's creation and last change where it came from: an exported object keeps
                // them, as it keeps its identifier.
                case INITIAL_DATE, LAST_CHANGE_DATE -> lifecycle.put(known, entry.value());
                case STATE, ACTIVATION_DATE, DEACTIVATION_DATE, DESTROY_DATE, COMPROMISE_OCCURRENCE_DATE,
                     COMPROMISE_DATE, REVOCATION_REASON -> lifecycle.put(known, entry.value());
                default -> {
                    // What the server sets (dates, identifiers, what it reads from the object) it sets anew.
                    if (known.change() != KmipAttribute.Change.NEVER) {
                        rest.add(entry);
                    }
                }
            }
        }
        Requested requested = AttributeMapping.requested(rest);
        Ttlv initial = lifecycle.remove(KmipAttribute.INITIAL_DATE);
        Ttlv lastChange = lifecycle.remove(KmipAttribute.LAST_CHANGE_DATE);
        if (initial == null && lastChange != null) {
            throw KmipError.invalidField("a Last Change Date needs the Initial Date");
        }
        KeyService.CarriedDates dates = initial == null ? null : new KeyService.CarriedDates(
                Fields.dateTime(initial), lastChange == null ? null : Fields.dateTime(lastChange));
        Lifecycle given = importedLifecycle(lifecycle);
        if (given == null && lifecycle.containsKey(KmipAttribute.ACTIVATION_DATE)) {
            requested = new Requested(requested.objectType(), requested.algorithm(), requested.length(),
                    requested.attributes(),
                    Optional.of(Fields.dateTime(lifecycle.get(KmipAttribute.ACTIVATION_DATE))),
                    requested.deactivationDate());
        }
        ObjectCodec.Material material = codec.read(type, request.managedObject());
        NewObject spec = newObjects.carried(type, material, requested);
        try (Plaintext clear = new Plaintext(material.bytes(), PayloadContentType.OCTET_STREAM)) {
            SealedExports.Imported fromFile = sealedExport;
            if (fromFile != null) {
                keys.sealedExportReceipt(fromFile.origin(), fromFile.exportId(), fromFile.object()).ifPresent(earlier -> {
                    throw SealedExports.replayed(fromFile, earlier);
                });
            }
            ManagedObject imported = keys.importObject(context.call(), id, spec, clear, given, replace,
                    dates, transfer == null ? null : "transfer: " + transfer, tx -> {
                        if (fromFile != null) {
                            // Claimed with the import: of two concurrent imports of the file, one stores the object.
                            SealedExports.claim(tx, fromFile, id, Instant.now());
                        }
                    });
            context.placeholder(imported.id());
            return new ResponsePayload.Import(imported.id().toString());
        } catch (KeyService.IdentifierTaken e) {
            throw new KmipError(ResultReason.OBJECT_ALREADY_EXISTS, e.getMessage());
        } finally {
            Arrays.fill(material.bytes(), (byte) 0);
        }
    }

    /**
     * The lifecycle an Import gives, when it names the State; {@code null} without one (then only an Activation Date
     * may come, as for Register). Destroyed objects are not imported.
     */
    private static Lifecycle importedLifecycle(Map<KmipAttribute, Ttlv> given) {
        Function<KmipAttribute, Instant> date = attribute -> Optional.ofNullable(
                given.get(attribute)).map(Fields::dateTime).map(d -> d.truncatedTo(ChronoUnit.MICROS))
                .orElse(null);
        if (!given.containsKey(KmipAttribute.STATE)) {
            if (given.keySet().stream().anyMatch(k -> k != KmipAttribute.ACTIVATION_DATE)) {
                throw KmipError.invalidField("an import with lifecycle dates or a revocation needs the State");
            }
            return null;
        }
        LifecycleState state = AttributeMapping.lifecycleState(
                Fields.enumeration(given.get(KmipAttribute.STATE), State.index()));
        if (state.isDestroyed() || given.containsKey(KmipAttribute.DESTROY_DATE)) {
            throw KmipError.invalidField("destroyed objects are not imported");
        }
        Revocation revocation = Optional.ofNullable(given.get(KmipAttribute.REVOCATION_REASON)).map(value -> {
            Structure reason = Fields.as(value, Structure.class);
            RevocationReasonCode code = Fields.enumeration(reason, Tag.REVOCATION_REASON_CODE,
                    RevocationReasonCode.index()).orElseThrow(() -> KmipError.missing("Revocation Reason Code"));
            return new Revocation(AttributeMapping.revocationReason(code),
                    Fields.text(reason, Tag.REVOCATION_MESSAGE).orElse(null));
        }).orElse(null);
        return new Lifecycle(state, date.apply(KmipAttribute.ACTIVATION_DATE),
                date.apply(KmipAttribute.DEACTIVATION_DATE), null,
                date.apply(KmipAttribute.COMPROMISE_OCCURRENCE_DATE), date.apply(KmipAttribute.COMPROMISE_DATE),
                revocation);
    }
}
