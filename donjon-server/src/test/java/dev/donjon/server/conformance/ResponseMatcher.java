package dev.donjon.server.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a server's response with a vector's expected response, tolerating only what legitimately varies between
 * runs and implementations:
 * <ul>
 *   <li>placeholders: the first occurrence binds the actual value, later ones must repeat it;</li>
 *   <li>{@code $NOW}-style dates: any date;</li>
 *   <li>{@code TimeStamp}, {@code ResultMessage} (free text), {@code DigestValue} (the digest of key material the
 *       server generated itself), who the server is ({@code VendorIdentification}, {@code ServerInformation}) and the
 *       correlation value it chose ({@code ServerCorrelationValue}, present or not: Donjon sends one only to a
 *       client that sent a Client Correlation Value, which the vectors' requests do not);</li>
 *   <li>the random bytes an RNG Retrieve returns, and the key material of an object the server generated (Create,
 *       Create Key Pair, Re-key, Derive Key): the vectors show the reference server's random key; likewise what
 *       Encrypt, Sign and MAC compute with such a key (Decrypt and the verifications stay exact), and the
 *       ciphertext of an Encrypt with a registered public key (RSA encryption pads randomly, RFC 8017 §7);</li>
 *   <li>the IV of an Encrypt answer and what it encrypted with it: a response carries an IV/Counter/Nonce only when
 *       the server generated it (KMIP 1.4 §4.29), randomly;</li>
 *   <li>the order of sibling elements (servers may list attributes in any order);</li>
 *   <li>the order of names in a mask;</li>
 *   <li>an Attribute Index of 0 in a 1.x Attribute whose expected form states none (1.4 §2.1.1: absent means 0);</li>
 *   <li>the content of a Random Number Generator attribute (1.x and 2.x forms), which must be present: it describes
 *       the server's own generator (KMIP 1.4 §3.44, 2.1 §4.48: "the random number generator used during the creation
 *       of the managed cryptographic object"), so it differs between implementations as Vendor Identification
 *       does. The vectors show the reference server's ANSI X9.31 generator; Donjon reports the JDK's DRBG.</li>
 * </ul>
 */
final class ResponseMatcher {
    private static final Set<String> VARIES = Set.of("TimeStamp", "ResultMessage", "DigestValue",
            "VendorIdentification", "ServerInformation", "ServerCorrelationValue");

    /** Elements that must be present but whose content is the server's own (see the class comment). */
    private static final Set<String> CONTENT_VARIES = Set.of("RandomNumberGenerator");
    private static final String RNG_V1_NAME = "Random Number Generator";

    private ResponseMatcher() {
    }

    /** The 1.x form of a Random Number Generator attribute names its Attribute Value as 2.x tags it. */
    private static XmlTree rngAsTagged(XmlTree element) {
        boolean rng = element.name().equals("Attribute") && element.children().stream()
                .anyMatch(c -> c.name().equals("AttributeName") && RNG_V1_NAME.equals(c.value()));
        List<XmlTree> children = new ArrayList<>();
        for (XmlTree child : element.children()) {
            children.add(rng && child.name().equals("AttributeValue")
                    ? new XmlTree("RandomNumberGenerator", child.type(), child.value(), child.children())
                    : rngAsTagged(child));
        }
        return element.withChildren(children);
    }

    /** @return the differences; empty when the response matches, in which case {@code bindings} learnt its values */
    static List<String> compare(XmlTree expected, XmlTree actual, Bindings bindings) {
        List<String> differences = new ArrayList<>();
        // A first, throw-away comparison binds the placeholders this response introduces, so that an item can be
        // recognised as reading a server-generated object that an earlier item of the same batch located.
        Bindings withBatch = bindings.copy();
        compare(expected, actual, withBatch, expected.name(), new ArrayList<>());
        withBatch.observeGenerated(expected);
        compare(rngAsTagged(generatedKeysAsPlaceholders(randomOutputAsPlaceholders(expected), withBatch)),
                rngAsTagged(actual), bindings, expected.name(), differences);
        return differences;
    }

    private static void compare(XmlTree expected, XmlTree actual, Bindings bindings, String path,
                                List<String> differences) {
        if (!expected.name().equals(actual.name())) {
            differences.add(path + ": expected " + expected.name() + ", got " + actual.name());
            return;
        }
        if (VARIES.contains(expected.name()) || CONTENT_VARIES.contains(expected.name())) {
            return;
        }
        if (expected.type() != null && !expected.type().equals(actual.type())) {
            differences.add(path + ": expected type " + expected.type() + ", got " + actual.type());
            return;
        }
        if (expected.value() != null || actual.value() != null) {
            compareValues(expected, actual, bindings, path, differences);
        }
        compareChildren(expected, actual, bindings, path, differences);
    }

    private static void compareValues(XmlTree expected, XmlTree actual, Bindings bindings, String path,
                                      List<String> differences) {
        String want = expected.value();
        String got = actual.value();
        if (want == null || got == null) {
            differences.add(path + ": expected value " + want + ", got " + got);
            return;
        }
        if (expected.isPlaceholder()) {
            if (Bindings.isNow(want)) {
                return;
            }
            String bound = bindings.get(want);
            if (bound == null) {
                bindings.bind(want, got);
            } else if (!bound.equalsIgnoreCase(got)) {
                differences.add(path + ": expected " + want + " = " + bound + ", got " + got);
            }
            return;
        }
        if (!sameValue(expected.type(), want, got)) {
            differences.add(path + ": expected " + want + ", got " + got);
        }
    }

    private static boolean sameValue(String type, String want, String got) {
        if (want.equalsIgnoreCase(got)) {
            return true;
        }
        if ("Integer".equals(type) && !want.matches("-?[0-9]+|0x[0-9a-fA-F]+")) {
            return tokens(want).equals(tokens(got));
        }
        return false;
    }

    /** The Data of an RNG Retrieve answer is random: any value matches, as a placeholder of its own would. */
    private static XmlTree randomOutputAsPlaceholders(XmlTree element) {
        boolean rngAnswer = element.name().equals("BatchItem") && element.children().stream()
                .anyMatch(child -> child.name().equals("Operation") && "RNGRetrieve".equals(child.value()));
        List<XmlTree> children = new ArrayList<>();
        for (XmlTree child : element.children()) {
            XmlTree relaxed = randomOutputAsPlaceholders(child);
            if (rngAnswer && child.name().equals("ResponsePayload")) {
                relaxed = relaxed.withChildren(relaxed.children().stream().map(field -> field.name().equals("Data")
                        ? field.withValue("$RANDOM_DATA_" + System.identityHashCode(field)) : field).toList());
            }
            children.add(relaxed);
        }
        return element.withChildren(children);
    }

    private static final Set<String> KEYED_OUTPUT = Set.of("Data", "SignatureData", "MACData",
            "AuthenticatedEncryptionTag");
    private static final Set<String> KEYED_OPERATIONS = Set.of("Encrypt", "Sign", "MAC");

    /** The Key Material of a payload that names a server-generated object: any value, as a placeholder of its own. */
    private static XmlTree generatedKeysAsPlaceholders(XmlTree element, Bindings bindings) {
        if (element.name().equals("BatchItem")) {
            boolean keyed = element.children().stream()
                    .anyMatch(c -> c.name().equals("Operation") && KEYED_OPERATIONS.contains(c.value()));
            return element.withChildren(element.children().stream().map(child -> {
                XmlTree relaxed = generatedKeysAsPlaceholders(child, bindings);
                boolean randomIv = keyed && child.name().equals("ResponsePayload") && child.children().stream()
                        .anyMatch(field -> field.name().equals("IVCounterNonce"));
                if (randomIv) {
                    relaxed = relaxed.withChildren(relaxed.children().stream().map(field ->
                            (KEYED_OUTPUT.contains(field.name()) || field.name().equals("IVCounterNonce"))
                                    && field.value() != null
                                    ? field.withValue("$RANDOM_IV_OUTPUT_" + System.identityHashCode(field))
                                    : field).toList());
                } else if (keyed && child.name().equals("ResponsePayload") && namesUnpredictable(child, bindings)) {
                    relaxed = relaxed.withChildren(relaxed.children().stream().map(field ->
                            KEYED_OUTPUT.contains(field.name()) && field.value() != null
                                    ? field.withValue("$GENERATED_OUTPUT_" + System.identityHashCode(field))
                                    : field).toList());
                }
                return relaxed;
            }).toList());
        }
        return namesGenerated(element, bindings) ? anyKeyMaterial(element, false)
                : element.withChildren(element.children().stream()
                .map(child -> generatedKeysAsPlaceholders(child, bindings)).toList());
    }

    private static boolean namesUnpredictable(XmlTree element, Bindings bindings) {
        return element.name().equals("ResponsePayload") && element.children().stream()
                .anyMatch(c -> c.name().equals("UniqueIdentifier") && c.isPlaceholder()
                        && bindings.namesUnpredictableOutput(c.value()));
    }

    private static boolean namesGenerated(XmlTree element, Bindings bindings) {
        return element.name().equals("ResponsePayload") && element.children().stream()
                .anyMatch(c -> c.name().equals("UniqueIdentifier") && c.isPlaceholder()
                        && bindings.namesGenerated(c.value()));
    }

    private static XmlTree anyKeyMaterial(XmlTree element, boolean inside) {
        boolean material = inside || element.name().equals("KeyMaterial");
        XmlTree relaxed = element.withChildren(element.children().stream()
                .map(child -> anyKeyMaterial(child, material)).toList());
        return material && relaxed.value() != null && relaxed.type() != null
                ? relaxed.withValue("$GENERATED_KEY_" + System.identityHashCode(element)) : relaxed;
    }

    /**
     * An Attribute Index of 0 where the vector states none: the same attribute instance, since an Attribute "with
     * the Attribute Index not specified SHALL be assumed to be 0" (KMIP 1.4 §2.1.1).
     */
    private static boolean impliedIndex(XmlTree expected, XmlTree extra) {
        return expected.name().equals("Attribute") && extra.name().equals("AttributeIndex")
                && extra.value() != null && extra.value().matches("0|0x0+")
                && expected.children().stream().noneMatch(c -> c.name().equals("AttributeIndex"));
    }

    private static long sameNameCount(List<XmlTree> candidates, String name) {
        return candidates.stream().filter(candidate -> candidate.name().equals(name)).count();
    }

    /** The element's value, or its leaf values, enough to recognise it in a report. */
    private static String describe(XmlTree element) {
        if (element.value() != null) {
            return element.value();
        }
        List<String> leaves = new ArrayList<>();
        collectLeaves(element, leaves);
        return element.name() + leaves.subList(0, Math.min(3, leaves.size()));
    }

    private static void collectLeaves(XmlTree element, List<String> leaves) {
        if (element.value() != null) {
            leaves.add(element.value());
        }
        element.children().forEach(child -> collectLeaves(child, leaves));
    }

    private static Set<String> tokens(String mask) {
        return new TreeSet<>(Arrays.asList(mask.trim().split("[\\s|]+")));
    }

    /**
     * Matches each expected child with the first unmatched actual child of the same name that matches it; bindings
     * made by a failed attempt are discarded.
     */
    private static void compareChildren(XmlTree expected, XmlTree actual, Bindings bindings, String path,
                                        List<String> differences) {
        List<XmlTree> unmatched = new ArrayList<>(actual.children().stream()
                .filter(child -> !VARIES.contains(child.name())).toList());
        for (XmlTree want : expected.children()) {
            if (VARIES.contains(want.name())) {
                continue;
            }
            String childPath = path + "/" + want.name();
            List<String> firstAttempt = null;
            XmlTree found = null;
            for (XmlTree candidate : unmatched) {
                if (!candidate.name().equals(want.name())) {
                    continue;
                }
                Bindings trial = bindings.copy();
                List<String> attempt = new ArrayList<>();
                compare(want, candidate, trial, childPath, attempt);
                if (attempt.isEmpty()) {
                    bindings.replaceWith(trial);
                    found = candidate;
                    break;
                }
                if (firstAttempt == null) {
                    firstAttempt = attempt;
                }
            }
            if (found != null) {
                unmatched.remove(found);
            } else if (firstAttempt != null && sameNameCount(unmatched, want.name()) == 1) {
                differences.addAll(firstAttempt);
                unmatched.removeIf(candidate -> candidate.name().equals(want.name()));
            } else {
                differences.add(childPath + ": missing (expected " + describe(want) + ")");
            }
        }
        for (XmlTree extra : unmatched) {
            if (impliedIndex(expected, extra)) {
                continue;
            }
            differences.add(path + "/" + extra.name() + ": unexpected " + describe(extra));
        }
    }
}
