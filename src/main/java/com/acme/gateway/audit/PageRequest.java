package com.acme.gateway.audit;

/** Which page (from 0) of which size (1 to {@value #MAX_SIZE}) to list. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;

    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }

    long offset() {
        return (long) page * size;
    }
}
