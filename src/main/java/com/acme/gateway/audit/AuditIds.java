package com.acme.gateway.audit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Ids of audit rows: UUIDs of version 7 (RFC 9562), the time in milliseconds first, then 74 random
 * bits. Rows written together sort together, so each insert lands at the end of the primary key's
 * index. With random (version 4) ids every insert went to a random page of that index, which the
 * embedded H2 read back from its file, copied and wrote again; the rows it built from those pages
 * were a large part of what filled the old generation of the heap under load.
 */
public final class AuditIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AuditIds() {
    }

    /** A new id for a row created at {@code time}. */
    public static UUID at(Instant time) {
        long high = time.toEpochMilli() << 16 | 0x7000L | RANDOM.nextInt(1 << 12);
        long low = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
