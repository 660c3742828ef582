package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.donjon.server.domain.barbican.Container;
import dev.donjon.server.domain.barbican.ContainerConsumer;
import dev.donjon.server.domain.barbican.ContainerService;

import java.util.List;

/** A container as Barbican v1 renders it; field order follows Barbican's. */
record ContainerDocument(
        String created,
        String updated,
        String status,
        String name,
        String type,
        @JsonProperty("creator_id") String creatorId,
        @JsonProperty("secret_refs") List<Ref> secretRefs,
        List<Consumer> consumers,
        @JsonProperty("container_ref") String containerRef) {

    record Ref(String name, @JsonProperty("secret_ref") String secretRef) {
    }

    /** How a consumer appears inside a container document. */
    record Consumer(String name, @JsonProperty("URL") String url) {
    }

    /** How a consumer appears in the consumers listing. */
    record ListedConsumer(String created, String updated, String status, String name, @JsonProperty("URL") String url) {
        static ListedConsumer of(ContainerConsumer consumer) {
            return new ListedConsumer(Timestamps.format(consumer.created()), Timestamps.format(consumer.updated()),
                    "ACTIVE", consumer.name(), consumer.url());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Listing(List<ContainerDocument> containers, String previous, String next, long total) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConsumerListing(List<ListedConsumer> consumers, String previous, String next, long total) {
    }

    static ContainerDocument of(ContainerService.WithConsumers found, Links links) {
        Container container = found.container();
        return new ContainerDocument(
                Timestamps.format(container.created()),
                Timestamps.format(container.updated()),
                "ACTIVE",
                container.name(),
                container.type().wireName(),
                container.creatorId(),
                container.secretRefs().stream().map(r -> new Ref(r.name(), links.secret(r.secretId()))).toList(),
                found.consumers().stream().map(c -> new Consumer(c.name(), c.url())).toList(),
                links.container(container.id()));
    }
}
