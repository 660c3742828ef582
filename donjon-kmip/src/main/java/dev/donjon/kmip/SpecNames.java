package dev.donjon.kmip;

/**
 * The KMIP profiles' rule that turns a specification name ("Template-Attribute", "PKCS#11 Function",
 * "Re-key") into the name TTLV-XML and TTLV-JSON use ("TemplateAttribute", "PKCS_11Function",
 * "ReKey"): brackets become spaces; a non-word character before a capitalised word is a word
 * break; other non-word characters become '_'; words are capitalised and joined.
 *
 * <p>One pass over the code points instead of three regular expressions and a split: every attribute name of every
 * KMIP request goes through here (a Create's template had three regex passes per attribute, 5 % of its CPU).
 */
public final class SpecNames {

    private SpecNames() {
    }

    public static String normalize(String specText) {
        StringBuilder out = new StringBuilder(specText.length());
        boolean wordStart = true;
        for (int i = 0; i < specText.length(); ) {
            int c = specText.codePointAt(i);
            int next = i + Character.charCount(c);
            if (isWordChar(c)) {
                out.append(wordStart ? Character.toUpperCase((char) c) : (char) c);
                wordStart = false;
            } else if (c == ' ' || c == '(' || c == ')' || capitalisedWordAt(specText, next)) {
                wordStart = true;
            } else {
                out.append('_');
                wordStart = false;
            }
            i = next;
        }
        return out.toString();
    }

    private static boolean isWordChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
    }

    /** A letter then a lower-case letter at {@code i}: a word ("Function", "key") starts there. */
    private static boolean capitalisedWordAt(String s, int i) {
        if (i + 1 >= s.length()) {
            return false;
        }
        char first = s.charAt(i);
        char second = s.charAt(i + 1);
        return (first >= 'A' && first <= 'Z' || first >= 'a' && first <= 'z') && second >= 'a' && second <= 'z';
    }
}
