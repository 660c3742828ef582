package dev.donjon.bench;

/**
 * What one request came to.
 *
 * @param createdId id of the secret a successful POST created, else null
 * @param error     null on success, else what went wrong in a form that groups alike failures ("HTTP 500",
 *                  "ConnectException")
 * @param detail    start of the error body or the exception message, for the report
 */
record Outcome(String createdId, String error, String detail) {
    static final Outcome OK = new Outcome(null, null, null);
    private static final int DETAIL_CHARS = 160;

    static Outcome created(String id) {
        return new Outcome(id, null, null);
    }

    static Outcome failed(String error, String detail) {
        String shortDetail = detail == null || detail.length() <= DETAIL_CHARS ? detail
                : detail.substring(0, DETAIL_CHARS) + "...";
        return new Outcome(null, error, shortDetail);
    }

    public boolean ok() {
        return error == null;
    }
}
