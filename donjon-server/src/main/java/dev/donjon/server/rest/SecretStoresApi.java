package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretStore;
import dev.donjon.server.domain.barbican.SecretStoreService;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /v1/secret-stores}: Donjon always answers as Barbican in multi-store mode, since its stores are its
 * configured Keystore backends. Also {@code /v1/transport_keys}, which Donjon, like Barbican without a transport-key
 * plugin, has none of.
 */
public final class SecretStoresApi implements Routes {
    private final SecretStoreService stores;
    private final Links links;

    public SecretStoresApi(SecretStoreService stores, Links links) {
        this.stores = stores;
        this.links = links;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/v1/secret-stores", this::list)
                .add("GET", "/v1/secret-stores/global-default", this::globalDefault)
                .add("GET", "/v1/secret-stores/preferred", this::preferred)
                .add("GET", "/v1/secret-stores/{id}", this::get)
                .add("POST", "/v1/secret-stores/{id}/preferred", this::prefer)
                .add("DELETE", "/v1/secret-stores/{id}/preferred", this::unprefer)
                .add("GET", "/v1/transport_keys", this::transportKeys);
    }

    record Document(String created, String updated, String status, @JsonProperty("crypto_plugin") String cryptoPlugin,
                    @JsonProperty("global_default") boolean globalDefault, String name,
                    @JsonProperty("secret_store_plugin") String secretStorePlugin,
                    @JsonProperty("secret_store_ref") String secretStoreRef) {
    }

    private Reply list(RestRequest request) {
        return new Reply.Json(200, Map.of("secret_stores",
                stores.list(request.call()).stream().map(this::document).toList()));
    }

    private Reply transportKeys(RestRequest request) {
        List<String> keys = stores.transportKeys(request.call());
        return new Reply.Json(200, Map.of("transport_keys", keys, "total", keys.size()));
    }

    private Reply globalDefault(RestRequest request) {
        return new Reply.Json(200, document(stores.globalDefault(request.call())));
    }

    private Reply preferred(RestRequest request) {
        return new Reply.Json(200, document(stores.preferred(request.call())));
    }

    private Reply get(RestRequest request) {
        return new Reply.Json(200, document(stores.get(request.call(), id(request))));
    }

    private Reply prefer(RestRequest request) {
        stores.prefer(request.call(), id(request));
        return new Reply.Empty(204);
    }

    private Reply unprefer(RestRequest request) {
        stores.unprefer(request.call(), id(request));
        return new Reply.Empty(204);
    }

    private Document document(SecretStore store) {
        String created = Timestamps.format(store.created());
        // Barbican names its KMIP secret store plugin kmip_plugin; Donjon's own keystores share one plugin name.
        String secretStorePlugin = store.plugin().equals("kmip") ? "kmip_plugin" : "donjon_keystore";
        return new Document(created, created, "ACTIVE", store.plugin(), store.globalDefault(), store.name(),
                secretStorePlugin, links.publicBase() + "/v1/secret-stores/" + store.id());
    }

    private static UUID id(RestRequest request) {
        return SecretId.parse(request.path("id")).map(SecretId::value)
                .orElseThrow(() -> ApiError.notFound("Not Found. Secret store not found."));
    }
}
