package dev.donjon.server.conformance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a vector's placeholders stand for in this run: identifiers, IVs, signatures and other outputs taken
 * from earlier responses and carried into later requests, as the KMIP profiles prescribe.
 */
final class Bindings {
    private static final Pattern NOW = Pattern.compile("\\$NOW(?<offset>[+-][0-9]+)?");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);

    private final Map<String, String> values;
    private final java.util.Set<String> generated;
    private final java.util.Set<String> randomisedEncryption;

    Bindings() {
        this(java.util.Set.of());
    }

    /**
     * @param generatedEarlier identifiers of objects the server generated in earlier cases of the same run: a case may
     *                         locate and read a key an earlier case created (TL-M-3 reads TL-M-2's)
     */
    Bindings(java.util.Set<String> generatedEarlier) {
        this(new HashMap<>(), new java.util.HashSet<>(generatedEarlier), new java.util.HashSet<>());
    }

    /**
     * The identifiers of every object the server generated so far, this case and the earlier ones: the server's own
     * identifiers, not the placeholders a vector named them by, which mean something else in the next case.
     */
    java.util.Set<String> generatedIdentifiers() {
        return generated.stream().filter(value -> !value.startsWith("$")).collect(java.util.stream.Collectors.toSet());
    }

    private Bindings(Map<String, String> values, java.util.Set<String> generated,
                     java.util.Set<String> randomisedEncryption) {
        this.values = values;
        this.generated = generated;
        this.randomisedEncryption = randomisedEncryption;
    }

    Bindings copy() {
        return new Bindings(new HashMap<>(values), new java.util.HashSet<>(generated),
                new java.util.HashSet<>(randomisedEncryption));
    }

    void replaceWith(Bindings other) {
        values.clear();
        values.putAll(other.values);
        generated.clear();
        generated.addAll(other.generated);
        randomisedEncryption.clear();
        randomisedEncryption.addAll(other.randomisedEncryption);
    }

    /**
     * Remembers the public keys a request registered: encrypting with one (RSA PKCS#1 v1.5 or OAEP, RFC 8017 §7)
     * is randomised, so no vector can predict the ciphertext.
     */
    void observeRegistered(XmlTree request, XmlTree response) {
        boolean publicKey = request.children().stream().filter(c -> c.name().equals("BatchItem"))
                .anyMatch(item -> item.children().stream().anyMatch(c -> c.name().equals("Operation")
                        && "Register".equals(c.value())) && item.children().stream()
                        .filter(c -> c.name().equals("RequestPayload")).flatMap(p -> p.children().stream())
                        .anyMatch(c -> c.name().equals("ObjectType") && "PublicKey".equals(c.value())));
        if (publicKey) {
            response.children().stream().filter(c -> c.name().equals("BatchItem"))
                    .flatMap(item -> item.children().stream()).filter(c -> c.name().equals("ResponsePayload"))
                    .flatMap(p -> p.children().stream()).filter(c -> c.name().equals("UniqueIdentifier"))
                    .forEach(c -> randomisedEncryption.add(c.value()));
        }
    }

    /** Whether what Encrypt, Sign or MAC computes with the object named by a placeholder is unpredictable. */
    boolean namesUnpredictableOutput(String placeholder) {
        String bound = values.get(placeholder);
        return namesGenerated(placeholder) || bound != null && randomisedEncryption.contains(bound);
    }

    /** Operations whose objects hold key material the server generated, which no vector can predict. */
    private static final java.util.Set<String> GENERATING = java.util.Set.of("Create", "CreateKeyPair", "ReKey",
            "ReKeyKeyPair", "DeriveKey");
    private static final java.util.Set<String> IDENTIFIERS = java.util.Set.of("UniqueIdentifier",
            "PrivateKeyUniqueIdentifier", "PublicKeyUniqueIdentifier");

    /** Remembers the identifiers of the objects a response says the server generated. */
    void observeGenerated(XmlTree response) {
        for (XmlTree item : response.children()) {
            boolean generating = item.name().equals("BatchItem") && item.children().stream()
                    .anyMatch(c -> c.name().equals("Operation") && GENERATING.contains(c.value()));
            if (generating) {
                item.children().stream().filter(c -> c.name().equals("ResponsePayload"))
                        .flatMap(p -> p.children().stream())
                        .filter(c -> IDENTIFIERS.contains(c.name()) && c.value() != null)
                        .forEach(c -> generated.add(c.value()));
            }
        }
    }

    /**
     * Whether a placeholder stands for an object whose key material the server generated: bound to one, or named
     * as one by an earlier item of the same batch (then the placeholder itself was observed).
     */
    boolean namesGenerated(String placeholder) {
        String bound = values.get(placeholder);
        return generated.contains(placeholder) || bound != null && generated.contains(bound);
    }

    String get(String placeholder) {
        return values.get(placeholder);
    }

    /**
     * Remembers every value of a response by its tag: some vectors expect a literal in a response (the MAC of known
     * data, say) and name it in a later request by a placeholder derived from the tag ({@code MACData} →
     * {@code $MAC_DATA}, {@code Data} → {@code $DATA_0}).
     */
    void observe(XmlTree response) {
        if (response.value() != null && response.type() != null) {
            values.put(OBSERVED + upperSnake(response.name()), response.value());
        }
        response.children().forEach(this::observe);
    }

    private static final String OBSERVED = "#";

    private static String upperSnake(String tagName) {
        return tagName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .toUpperCase(java.util.Locale.ROOT);
    }

    void bind(String placeholder, String value) {
        values.put(placeholder, value);
    }

    static boolean isNow(String value) {
        return value != null && NOW.matcher(value).matches();
    }

    /** The request to send: every placeholder replaced by its bound value, {@code $NOW±s} by the clock. */
    XmlTree fill(XmlTree template, Instant now) {
        List<XmlTree> children = new ArrayList<>(template.children().size());
        for (XmlTree child : template.children()) {
            children.add(fill(child, now));
        }
        XmlTree filled = template.withChildren(children);
        if (!template.isPlaceholder()) {
            return filled;
        }
        Matcher clock = NOW.matcher(template.value());
        if (clock.matches()) {
            long offset = clock.group("offset") == null ? 0 : Long.parseLong(clock.group("offset"));
            return filled.withValue(ISO.format(now.plusSeconds(offset)));
        }
        String bound = values.get(template.value());
        if (bound == null) {
            bound = values.get(OBSERVED + template.value().substring(1).replaceFirst("_[0-9]+$", ""));
        }
        if (bound == null) {
            throw new UnboundPlaceholder(template.value());
        }
        return filled.withValue(bound);
    }

    /** A request needs a value no earlier response supplied: the server answered differently before. */
    static final class UnboundPlaceholder extends RuntimeException {
        UnboundPlaceholder(String placeholder) {
            super("no earlier response supplied " + placeholder);
        }
    }
}
