package dev.donjon.kmip;

import java.util.regex.Pattern;

/**
 * The KMIP profiles' rule that turns a specification name ("Template-Attribute", "PKCS#11 Function",
 * "Re-key") into the name TTLV-XML and TTLV-JSON use ("TemplateAttribute", "PKCS_11Function",
 * "ReKey"): brackets become spaces; a non-word character before a capitalised word is a word
 * break; other non-word characters become '_'; words are capitalised and joined.
 */
public final class SpecNames {

    private static final Pattern BRACKETS = Pattern.compile("[()]");
    private static final Pattern WORD_BREAK = Pattern.compile("[^A-Za-z0-9_ ](?=[A-Za-z][a-z])");
    private static final Pattern OTHER_NON_WORD = Pattern.compile("[^A-Za-z0-9_ ]");
    private static final Pattern SPACES = Pattern.compile(" +");

    private SpecNames() {
    }

    public static String normalize(String specText) {
        String s = BRACKETS.matcher(specText).replaceAll(" ");
        s = WORD_BREAK.matcher(s).replaceAll(" ");
        s = OTHER_NON_WORD.matcher(s).replaceAll("_");
        StringBuilder out = new StringBuilder(s.length());
        for (String word : SPACES.split(s.strip())) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            }
        }
        return out.toString();
    }
}
