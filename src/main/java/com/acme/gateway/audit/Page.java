package com.acme.gateway.audit;

import java.util.List;

/** One page of a listing: the items, which page (from 0), the page size and the total count. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
