package com.acme.gateway.execution;

import com.acme.gateway.idempotency.StoredAnswer;
import com.acme.gateway.problem.Problem;
import org.jspecify.annotations.Nullable;

/** How a request ended for its caller; the web layer turns it into an HTTP answer ({@link AnswerFormat}). */
public sealed interface ExecutionResult {

    /** The status of the answer, for the request's log line. */
    int status();

    /** The Workspace API took the task (or the stop of a task); {@code body} describes it. */
    record Accepted(String taskId, int attempts, Object body) implements ExecutionResult {

        @Override
        public int status() {
            return 202;
        }
    }

    /** What a dry run decided, and what would have been sent. */
    record DryRun(DryRunReport report) implements ExecutionResult {

        @Override
        public int status() {
            return 200;
        }
    }

    /**
     * The request was refused, failed or ended unknown: the problem, when it is worth retrying and how
     * many upstream attempts were made (null when none is said).
     */
    record Refused(Problem problem, @Nullable Long retryAfterSeconds, @Nullable Integer attempts)
            implements ExecutionResult {

        Refused(Problem problem) {
            this(problem, null, null);
        }

        @Override
        public int status() {
            return problem.status();
        }
    }

    /** The answer first given for this Idempotency-Key, repeated as it was. */
    record Replayed(StoredAnswer answer) implements ExecutionResult {

        @Override
        public int status() {
            return answer.status();
        }
    }
}
