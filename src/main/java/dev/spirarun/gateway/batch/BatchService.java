package dev.spirarun.gateway.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;

import org.springframework.stereotype.Service;

import dev.spirarun.gateway.runs.Recorded;
import dev.spirarun.gateway.runs.RunGroup;
import dev.spirarun.gateway.runs.RunRecorder;
import dev.spirarun.gateway.runs.RunRequest;
import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.JsonProblems;
import dev.spirarun.gateway.system.Problems;
import dev.spirarun.gateway.system.Validation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates each item on its own, groups the valid ones by (project, release, test set) and records
 * each group with one shell call and as few saves as the per-save limit allows.
 */
@Service
class BatchService {

    private final RunRecorder recorder;
    private final Validator validator;
    private final JsonMapper json;

    BatchService(RunRecorder recorder, Validator validator, JsonMapper json) {
        this.recorder = recorder;
        this.validator = validator;
        this.json = json;
    }

    BatchResult record(List<JsonNode> items) {
        BatchResult.Item[] results = new BatchResult.Item[items.size()];
        Map<RunGroup, List<Integer>> groups = new LinkedHashMap<>();
        List<RunRequest> requests = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            RunRequest request = null;
            try {
                request = read(items.get(i));
                groups.computeIfAbsent(RunGroup.of(request), group -> new ArrayList<>()).add(i);
            } catch (GatewayProblem invalid) {
                results[i] = failed(i, invalid);
            }
            requests.add(request);
        }
        groups.forEach((group, indexes) -> {
            List<Recorded> recorded = recorder.record(group, indexes.stream().map(requests::get).toList());
            for (int k = 0; k < indexes.size(); k++) {
                int index = indexes.get(k);
                results[index] = switch (recorded.get(k)) {
                    case Recorded.Saved saved -> new BatchResult.Item(index, 201, saved.run(), null);
                    case Recorded.Failed failed -> failed(index, failed.problem());
                };
            }
        });
        return new BatchResult(List.of(results));
    }

    /** Exactly what {@code POST /runs} does with its body: read strictly, then Bean Validation. */
    private RunRequest read(JsonNode item) {
        RunRequest request;
        try {
            request = json.treeToValue(item, RunRequest.class);
        } catch (JacksonException unreadable) {
            throw JsonProblems.of(unreadable);
        }
        if (request == null) {
            throw JsonProblems.of(null);
        }
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw Validation.problem(Validation.fieldProblems(violations));
        }
        return request;
    }

    private static BatchResult.Item failed(int index, GatewayProblem problem) {
        return new BatchResult.Item(index, problem.type().status().value(), null, Problems.of(problem));
    }
}
