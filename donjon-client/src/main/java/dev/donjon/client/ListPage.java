package dev.donjon.client;

import java.util.List;

/** One page of a listing and the total the server counted across pages. */
public record ListPage<T>(List<T> items, long total) {
    public ListPage {
        items = List.copyOf(items);
    }
}
