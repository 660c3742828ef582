package dev.donjon.server.rest;

import dev.donjon.server.domain.barbican.ContainerId;
import dev.donjon.server.domain.barbican.OrderId;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.pki.CaId;

/** Absolute URLs in responses, built from the configured public URL so they work behind proxies. */
public record Links(String publicBase) {
    public Links {
        publicBase = publicBase.endsWith("/") ? publicBase.substring(0, publicBase.length() - 1) : publicBase;
    }

    public String secret(SecretId id) {
        return publicBase + "/v1/secrets/" + id;
    }

    public String secrets() {
        return publicBase + "/v1/secrets";
    }

    public String container(ContainerId id) {
        return publicBase + "/v1/containers/" + id;
    }

    public String containers() {
        return publicBase + "/v1/containers";
    }

    public String order(OrderId id) {
        return publicBase + "/v1/orders/" + id;
    }

    public String orders() {
        return publicBase + "/v1/orders";
    }

    public String ca(CaId id) {
        return publicBase + "/v1/cas/" + id;
    }

    /** The CRL URL issued certificates name: outside {@code /v1}, served without credentials as CRLs are. */
    public String publicCrl(CaId id) {
        return publicBase + PkiPublicApi.PREFIX + id + "/crl";
    }

    /** The CA certificate URL (DER) issued certificates name in Authority Information Access. */
    public String publicCaCertificate(CaId id) {
        return publicBase + PkiPublicApi.PREFIX + id + "/certificate";
    }

    public String versionRoot() {
        return publicBase + "/v1/";
    }
}
