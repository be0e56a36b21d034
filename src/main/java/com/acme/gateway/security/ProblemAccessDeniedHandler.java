package com.acme.gateway.security;

import com.acme.gateway.problem.Problem;
import com.acme.gateway.problem.ProblemResponses;
import com.acme.gateway.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 as problem+json for an authenticated caller whose team may not use the endpoint. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        ProblemResponses.write(response, Problem.of(ProblemType.FORBIDDEN, "Your team is not allowed to use this "
                + "endpoint. Reading audit events requires the audit-reader role in the team policy; paths outside the "
                + "public API are never served.").at(request.getRequestURI()));
    }
}
