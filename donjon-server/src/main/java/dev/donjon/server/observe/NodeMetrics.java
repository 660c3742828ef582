package dev.donjon.server.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The node's metrics, in Prometheus text on {@code GET /metrics}. Request latencies are timers with fixed buckets
 * (1 ms to 10 s), not client-side percentiles: a scrape only reads counters, and buckets aggregate across nodes.
 * Routes are named by their template, so the series stay few whatever the identifiers requested.
 */
public final class NodeMetrics implements AutoCloseable {
    /** The text format Prometheus 2 reads. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /*
     * The timers by series: building and registering a timer per request (its tags, its buckets, the registry's
     * lookup) was 3 % of a KMIP Create's CPU; the series are few (route templates, operations, statuses).
     */
    private final Map<RequestSeries, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<KmipSeries, Timer> kmipTimers = new ConcurrentHashMap<>();

    private record RequestSeries(String method, String route, int status) {
    }

    private record KmipSeries(String operation, String result) {
    }

    public NodeMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** For the store's connection pools (Hikari's own Micrometer metrics) and other components' gauges. */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    /** One REST request answered: {@code donjon_http_server_requests_seconds{method,route,status}}. */
    public void requestCompleted(String method, String route, int status, long nanos) {
        requestTimers.computeIfAbsent(new RequestSeries(method, route, status), series ->
                        Timer.builder("donjon.http.server.requests")
                                .description("REST requests by route template and status")
                                .tags("method", method, "route", route, "status", Integer.toString(status),
                                        "outcome", status >= 500 ? "server_error"
                                                : status >= 400 ? "client_error" : "success")
                                .serviceLevelObjectives(BUCKETS)
                                .register(registry))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** One KMIP operation answered: {@code donjon_kmip_operations_seconds{operation,result}}. */
    public void kmipOperation(String operation, String result, long nanos) {
        kmipTimers.computeIfAbsent(new KmipSeries(operation, result), series ->
                        Timer.builder("donjon.kmip.operations")
                                .description("KMIP operations by operation and result status")
                                .tags("operation", operation, "result", result)
                                .serviceLevelObjectives(BUCKETS)
                                .register(registry))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A gauge read at each scrape, e.g. a listener's open connections. */
    public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value, String... tags) {
        Gauge.builder(name, source, value).description(description).tags(tags).register(registry);
    }

    /**
     * A listener's TLS handshakes: {@code donjon_tls_handshakes_total{listener,stage="begun"}} and, where the listener
     * drives the handshake itself (KMIP), {@code stage="completed"}; begun minus completed is those that failed. The
     * counters hold {@code handshakes} weakly, like a gauge its source.
     */
    public void tlsHandshakes(String listener, dev.donjon.server.net.TlsHandshakes handshakes, boolean completions) {
        io.micrometer.core.instrument.FunctionCounter.builder("donjon.tls.handshakes", handshakes,
                        dev.donjon.server.net.TlsHandshakes::begunCount)
                .description("TLS handshakes begun (and, for KMIP, completed) by each listener")
                .tags("listener", listener, "stage", "begun").register(registry);
        if (completions) {
            io.micrometer.core.instrument.FunctionCounter.builder("donjon.tls.handshakes", handshakes,
                            dev.donjon.server.net.TlsHandshakes::completedCount)
                    .description("TLS handshakes begun (and, for KMIP, completed) by each listener")
                    .tags("listener", listener, "stage", "completed").register(registry);
        }
    }

    /** The scrape body. */
    public byte[] scrape() {
        return registry.scrape().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
