package com.acme.gateway.api;

import com.acme.gateway.audit.AuditEntry;
import com.acme.gateway.audit.Page;
import java.util.List;
import java.util.function.Function;

/** One page of execution records, newest first; {@code page} counts from 0, {@code total} is across all pages. */
record ExecutionPage(List<ExecutionRecord> items, int page, int size, long total) {

    static ExecutionPage of(Page<AuditEntry> page, Function<AuditEntry, ExecutionRecord> view) {
        return new ExecutionPage(page.items().stream().map(view).toList(), page.page(), page.size(), page.total());
    }
}
