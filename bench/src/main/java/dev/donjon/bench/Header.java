package dev.donjon.bench;

/** One HTTP request header. */
record Header(String name, String value) {
    public Header {
        requirePrintable(name, value);
    }

    /** Values come from the command line and end up verbatim in the request head: no control characters. */
    static void requirePrintable(String name, String value) {
        if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new UsageException("header " + name + " must be printable ASCII");
        }
    }
}
