package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.message.AttributeCodec;
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
 * credential may see when no criterion is given), page by page with Maximum Items and Offset Items, then each by
 * Export (KMIP 2.1: attributes and object in one answer, server-set attributes included) or, from a server that does
 * not speak 2.1 (PyKMIP's), by Get and Get Attributes.
 */
final class ObjectExport {
    static final int PAGE = 100;

    private ObjectExport() {
    }

    static List<ResponsePayload.Export> from(KmipClient client, Attributes criteria)
            throws IOException, KmipOperationException {
        // An object created while the pages are read pushes the older ones one place down (newest first), so a page
        // may repeat an identifier the previous one had: the set keeps each once.
        Set<String> identifiers = new LinkedHashSet<>();
        for (int offset = 0; ; offset += PAGE) {
            ResponsePayload.Locate page = client.call(new RequestPayload.Locate(Optional.of(PAGE), Optional.of(offset),
                    Optional.empty(), Optional.empty(), criteria), ResponsePayload.Locate.class);
            identifiers.addAll(page.uniqueIdentifiers());
            if (page.uniqueIdentifiers().size() < PAGE) {
                break;
            }
        }
        boolean export = client.protocolVersion().compareTo(ProtocolVersion.V2_1) >= 0;
        List<ResponsePayload.Export> objects = new ArrayList<>();
        for (String id : identifiers) {
            if (export) {
                objects.add(client.call(new RequestPayload.Export(Optional.of(id), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()), ResponsePayload.Export.class));
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
}
