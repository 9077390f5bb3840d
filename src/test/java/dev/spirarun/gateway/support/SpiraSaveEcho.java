package dev.spirarun.gateway.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers a stubbed PUT the way Spira does: the runs it was sent, in order, with {@code TestRunId} and
 * {@code TestRunStepId} assigned and the run status derived from the steps. Use with
 * {@code .withTransformers(SpiraSaveEcho.NAME)}.
 */
public final class SpiraSaveEcho implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "spira-save-echo";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Integer> PRECEDENCE = List.of(1, 5, 6, 3, 2);

    private final AtomicLong runIds = new AtomicLong(60000);
    private final AtomicLong stepIds = new AtomicLong(700000);

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        ArrayNode runs = (ArrayNode) JSON.readTree(event.getRequest().getBodyAsString());
        for (JsonNode node : runs) {
            ObjectNode run = (ObjectNode) node;
            long runId = runIds.incrementAndGet();
            run.put("TestRunId", runId);
            int derived = 4;
            JsonNode steps = run.path("TestRunSteps");
            List<Integer> statuses = steps.isArray()
                    ? steps.valueStream().map(step -> step.path("ExecutionStatusId").asInt()).toList() : List.of();
            for (int status : PRECEDENCE) {
                if (statuses.contains(status)) {
                    derived = status;
                    break;
                }
            }
            run.put("ExecutionStatusId", derived);
            if (steps.isArray()) {
                for (JsonNode step : steps) {
                    ((ObjectNode) step).put("TestRunStepId", stepIds.incrementAndGet());
                    ((ObjectNode) step).put("TestRunId", runId);
                }
            }
        }
        // like(): keeps the stub's other transformers (for example a SlowSave) and its delay.
        return ResponseDefinitionBuilder.like(event.getResponseDefinition()).withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(runs.toString()).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
