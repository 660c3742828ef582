package dev.donjon.server.kmipserver.operation;

/** Client text as it may go into the server log, the one cleaning every KMIP log line uses. */
public final class ClientText {
    private ClientText() {
    }

    /** Anything but printable characters and spaces becomes '?', so that a client cannot forge log lines. */
    public static String printable(String text) {
        return text.replaceAll("[^\\p{Graph} ]", "?");
    }
}
