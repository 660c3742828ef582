package dev.donjon.server.domain.object;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A name a Locate looks for: exact, or with wild-cards (KMIP 1.4 §4.9 lets servers support them for text fields;
 * Donjon does in KMIP 2.x): {@code *} matches any run of characters, {@code ?} any one character, and a backslash
 * makes the next character literal. Matching is case-sensitive on every engine.
 */
public final class NamePattern {
    /** One piece of a pattern: a literal character, or a wild-card. */
    private sealed interface Part {
    }

    private record Literal(char value) implements Part {
    }

    private record AnyRun() implements Part {
    }

    private record AnyOne() implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private NamePattern(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /** The name itself, no character special. */
    public static NamePattern exact(String name) {
        List<Part> parts = new ArrayList<>();
        name.chars().forEach(c -> parts.add(new Literal((char) c)));
        return new NamePattern(name, parts);
    }

    /** A pattern with {@code *}, {@code ?} and backslash escapes; a trailing backslash stands for itself. */
    public static NamePattern wildcard(String pattern) {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                parts.add(new Literal(pattern.charAt(++i)));
            } else if (c == '*') {
                parts.add(new AnyRun());
            } else if (c == '?') {
                parts.add(new AnyOne());
            } else {
                parts.add(new Literal(c));
            }
        }
        return new NamePattern(pattern, parts);
    }

    /** Whether the pattern names one name only; then {@link #literal()} is that name. */
    public boolean isExact() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** The characters every match starts with. */
    public String literal() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (!(part instanceof Literal(char value))) {
                break;
            }
            out.append(value);
        }
        return out.toString();
    }

    /** The pattern for SQLite's GLOB, which is case-sensitive and uses an index for the literal prefix. */
    public String glob() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal(char value) -> out.append(value == '*' || value == '?' || value == '['
                        ? "[" + value + "]" : String.valueOf(value));
                case AnyRun() -> out.append('*');
                case AnyOne() -> out.append('?');
            }
        }
        return out.toString();
    }

    /**
     * The pattern for SQL LIKE with {@code ESCAPE '!'} (case-sensitive on PostgreSQL); not a backslash, which some SQL
     * parsers take for an escape inside the statement's own string literal.
     */
    public String like() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal(char value) -> out.append(value == '%' || value == '_' || value == '!'
                        ? "!" + value : String.valueOf(value));
                case AnyRun() -> out.append('%');
                case AnyOne() -> out.append('_');
            }
        }
        return out.toString();
    }

    public boolean matches(String name) {
        StringBuilder regex = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal(char value) -> regex.append(Pattern.quote(String.valueOf(value)));
                case AnyRun() -> regex.append(".*");
                case AnyOne() -> regex.append('.');
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name).matches();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NamePattern that && that.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
