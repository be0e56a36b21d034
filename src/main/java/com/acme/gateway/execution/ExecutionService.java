package com.acme.gateway.execution;

import com.acme.gateway.workspace.ScriptExecutionJson;
import com.acme.gateway.workspace.ScriptExecutionRequest;
import com.acme.gateway.workspace.Submission;
import com.acme.gateway.workspace.WorkspaceClient;
import org.springframework.stereotype.Service;

/** Runs a validated script-execution request on a pool. */
@Service
public class ExecutionService {

    private final WorkspaceClient workspace;
    private final ScriptExecutionJson json;

    ExecutionService(WorkspaceClient workspace, ScriptExecutionJson json) {
        this.workspace = workspace;
        this.json = json;
    }

    public Submission submit(String poolId, ScriptExecutionRequest request) {
        return workspace.execute(poolId, json.write(request));
    }
}
