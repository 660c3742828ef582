package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeCodec;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a set of objects out of a KMIP server with every attribute it keeps: the objects a Locate finds (all the
 * credential may see when no criterion is given), page by page (Maximum Items, and Donjon's anchor or Offset Items),
 * then each by
 * Export (KMIP 2.1: attributes and object in one answer, server-set attributes included) or, from a server that does
 * not speak 2.1 (PyKMIP's), by Get and Get Attributes.
 */
final class ObjectExport {
    static final int PAGE = 100;
    /** Donjon's Locate filter for the next page after an object (docs/kmip-server.md, Locate). */
    static final AttributeName AFTER = new AttributeName.Vendor("x", "donjon-after");

    private ObjectExport() {
    }

    static List<ResponsePayload.Export> from(KmipClient client, Attributes criteria)
            throws IOException, KmipOperationException {
        boolean export = client.protocolVersion().compareTo(ProtocolVersion.V2_1) >= 0;
        Set<String> identifiers = export ? anchored(client, criteria) : offsets(client, criteria);
        List<ResponsePayload.Export> objects = new ArrayList<>();
        for (String id : identifiers) {
            if (export) {
                try {
                    objects.add(client.call(new RequestPayload.Export(Optional.of(id), Optional.empty(),
                            Optional.empty(), Optional.empty(), Optional.empty()), ResponsePayload.Export.class));
                } catch (KmipOperationException e) {
                    // Deleted since it was located: it is no longer there to export.
                    if (e.reason() != ResultReason.ITEM_NOT_FOUND) {
                        throw e;
                    }
                }
            } else {
                ResponsePayload.Get get = client.get(id);
                // The file speaks KMIP 2.1: what only 1.x has (a PyKMIP object's Operation Policy Name) stays behind.
                Attributes attributes = new Attributes(client.call(new RequestPayload.GetAttributes(Optional.of(id),
                        List.of()), ResponsePayload.GetAttributes.class).attributes().list().stream()
                        .filter(attribute -> AttributeCodec.existsInV2(attribute.name())).toList());
                objects.add(new ResponsePayload.Export(get.objectType(), id, attributes,
                        Optional.of(get.managedObject())));
            }
        }
        return objects;
    }

    /**
     * Donjon's pages: each Locate asks for the objects after the last one of the previous page (the x-donjon-after
     * filter), which keeps its place in the order however objects are added and deleted meanwhile, so that none that
     * stays is repeated or missed.
     */
    private static Set<String> anchored(KmipClient client, Attributes criteria)
            throws IOException, KmipOperationException {
        Set<String> identifiers = new LinkedHashSet<>();
        List<String> page = List.of();
        do {
            Attributes asked = page.isEmpty() ? criteria : criteria.with(new Attribute(AFTER, Optional.empty(),
                    new Ttlv.TextItem(Tag.ATTRIBUTE_VALUE.code(), page.getLast())));
            page = client.call(new RequestPayload.Locate(Optional.of(PAGE), Optional.empty(), Optional.empty(),
                    Optional.empty(), asked), ResponsePayload.Locate.class).uniqueIdentifiers();
            identifiers.addAll(page);
        } while (page.size() == PAGE);
        return identifiers;
    }

    /**
     * Another server's pages, by Offset Items: an object created while they are read pushes the older ones one place
     * down (newest first), so a page may repeat an identifier the previous one had, which the set keeps once; one
     * deleted meanwhile may move an unseen one up into a page already read.
     */
    private static Set<String> offsets(KmipClient client, Attributes criteria)
            throws IOException, KmipOperationException {
        Set<String> identifiers = new LinkedHashSet<>();
        for (int offset = 0; ; offset += PAGE) {
            ResponsePayload.Locate page = client.call(new RequestPayload.Locate(Optional.of(PAGE), Optional.of(offset),
                    Optional.empty(), Optional.empty(), criteria), ResponsePayload.Locate.class);
            identifiers.addAll(page.uniqueIdentifiers());
            if (page.uniqueIdentifiers().size() < PAGE) {
                return identifiers;
            }
        }
    }
}
