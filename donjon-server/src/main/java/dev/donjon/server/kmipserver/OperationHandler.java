package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Ttlv.Structure;

/** Serves one KMIP operation: a request payload in, a response payload out, failures as exceptions. */
@FunctionalInterface
interface OperationHandler {
    /** @return the children of the Response Payload */
    java.util.List<dev.donjon.kmip.Ttlv> handle(Exchange exchange, Structure payload);
}
