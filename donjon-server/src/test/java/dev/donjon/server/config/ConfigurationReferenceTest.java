package dev.donjon.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md against the loader: every key the loader knows is documented, and no documented key is not. */
class ConfigurationReferenceTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.\\[\\]]+)` \\|", Pattern.MULTILINE);

    @Test
    void everyConfigurationKeyIsDocumentedAndEveryDocumentedKeyExists() throws Exception {
        Set<String> known = new TreeSet<>();
        leaves("", ConfigLoader.defaultTree(), known);
        ConfigLoader.IDENTITY_KEYS.forEach(key -> known.add("kmip.identities[]." + key));

        String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
        Set<String> documented = new TreeSet<>();
        Matcher row = ROW.matcher(reference);
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(documented).as("documented keys").containsExactlyInAnyOrderElementsOf(known);
    }

    private static void leaves(String prefix, JsonNode node, Set<String> into) {
        if (node.isObject() && !node.isEmpty()) {
            node.fieldNames().forEachRemaining(name ->
                    leaves(prefix.isEmpty() ? name : prefix + "." + name, node.get(name), into));
        } else {
            into.add(prefix);
        }
    }
}
