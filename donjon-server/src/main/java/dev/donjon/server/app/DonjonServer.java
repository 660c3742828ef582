package dev.donjon.server.app;

import dev.donjon.server.auth.ApiTokens;
import dev.donjon.server.auth.Authenticator;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.Store;
import dev.donjon.server.rest.ContainersApi;
import dev.donjon.server.rest.HttpServer;
import dev.donjon.server.rest.Links;
import dev.donjon.server.rest.OrdersApi;
import dev.donjon.server.rest.RestApi;
import dev.donjon.server.rest.SecretConsumersApi;
import dev.donjon.server.rest.SecretsApi;

/** A running Donjon node: the {@link Node} behind the REST API. */
public final class DonjonServer implements AutoCloseable {
    private final Node node;
    private final HttpServer http;
    private final String publicUrl;

    private DonjonServer(Node node, HttpServer http, String publicUrl) {
        this.node = node;
        this.http = http;
        this.publicUrl = publicUrl;
    }

    /**
     * Opens the node, binds the listener, then starts answering. Binding comes before the API is built because links
     * need the bound port when the configured port is 0.
     */
    public static DonjonServer start(DonjonConfig config) {
        Node node = Node.open(config);
        try {
            DonjonConfig.Tls tls = config.tls();
            HttpServer.Tls serverTls = null;
            if (tls != null) {
                TlsContexts.ServerTls contexts = TlsContexts.server(tls.certificate(), tls.privateKey());
                serverTls = new HttpServer.Tls(contexts.context(), contexts.parameters());
            }
            HttpServer http = HttpServer.listen(config.listen().host(), config.listen().port(), serverTls);
            String publicUrl = config.effectivePublicUrl(http.port());
            Links links = new Links(publicUrl);
            Authenticator authenticator = new Authenticator(node.tokens(), config.auth().trustedHeaders(),
                    node.store(), node.clock());
            SecretsApi secrets = new SecretsApi(node.secrets(), node.secretConsumers(), links, node.clock(),
                    config.limits().maxSecretBytes());
            http.serve(new RestApi(authenticator, links, secrets, config.limits().maxRequestBytes(), java.util.List.of(
                    new SecretConsumersApi(node.secretConsumers(), links),
                    new ContainersApi(node.containers(), links),
                    new OrdersApi(node.orders(), links, node.clock()))));
            return new DonjonServer(node, http, publicUrl);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    public String publicUrl() {
        return publicUrl;
    }

    public int port() {
        return http.port();
    }

    public ApiTokens tokens() {
        return node.tokens();
    }

    public Store store() {
        return node.store();
    }

    public DonjonConfig config() {
        return node.config();
    }

    @Override
    public void close() {
        http.close();
        node.close();
    }
}
