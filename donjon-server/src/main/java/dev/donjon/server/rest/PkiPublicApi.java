package dev.donjon.server.rest;

import dev.donjon.server.domain.pki.CaId;
import dev.donjon.server.domain.pki.CaService;

/**
 * {@code /pki/cas/{id}/crl} and {@code /pki/cas/{id}/certificate}: the CRL and CA certificate URLs that issued
 * certificates name (CRL Distribution Points, Authority Information Access). Relying parties fetch these without
 * credentials, so they live outside the authenticated {@code /v1} tree; both are public by nature (RFC 5280).
 */
public final class PkiPublicApi implements PublicRoutes {
    static final String PREFIX = "/pki/cas/";

    private final CaService cas;

    public PkiPublicApi(CaService cas) {
        this.cas = cas;
    }

    @Override
    public void register(Router router) {
        router.add("GET", PREFIX + "{id}/crl", this::crl)
                .add("GET", PREFIX + "{id}/certificate", this::certificate);
    }

    private Reply crl(RestRequest request) {
        return new Reply.Bytes(200, CasApi.PKIX_CRL, cas.crl(id(request)));
    }

    private Reply certificate(RestRequest request) {
        return new Reply.Bytes(200, "application/pkix-cert", cas.certificate(id(request)));
    }

    private static CaId id(RestRequest request) {
        return CaId.parse(request.path("id")).orElseThrow(() -> ApiError.notFound("Certificate authority not found."));
    }
}
