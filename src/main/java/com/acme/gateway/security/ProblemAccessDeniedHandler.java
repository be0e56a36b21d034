package com.acme.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 as problem+json for an authenticated caller whose team may not use the endpoint. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ProblemWriter writer;

    ProblemAccessDeniedHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        writer.write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "Your team is not allowed to use this endpoint. Reading audit events requires the audit-reader "
                        + "role in the team policy; paths outside the public API are never served.");
    }
}
