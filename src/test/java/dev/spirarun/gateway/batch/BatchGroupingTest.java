package dev.spirarun.gateway.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.stream.IntStream;

import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import dev.spirarun.gateway.runs.Recorded;
import dev.spirarun.gateway.runs.RunGroup;
import dev.spirarun.gateway.runs.RunRecorder;
import dev.spirarun.gateway.runs.RunRequest;
import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Grouping by (project, release, test set) and answering in request order, with the recorder mocked. */
class BatchGroupingTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final RunRecorder recorder = mock(RunRecorder.class);
    /** Validation has its own tests; a mock validator finds nothing wrong (Mockito answers an empty set). */
    final Validator validator = mock(Validator.class);

    static JsonNode item(long project, Long release, Long testSet, long testCase) {
        return JSON.readTree("""
                { "projectId": %d, "testCaseId": %d, "releaseId": %s, "testSetId": %s, "status": "PASSED",
                  "startedAt": "2026-11-30T08:00:00Z", "endedAt": "2026-11-30T08:01:00Z" }"""
                .formatted(project, testCase, release, testSet));
    }

    @Test
    void groupsByProjectReleaseAndTestSetAndAnswersInRequestOrder() {
        when(recorder.record(any(), any())).thenAnswer(call -> {
            List<RunRequest> requests = call.getArgument(1);
            return requests.stream().<Recorded>map(r -> new Recorded.Failed(new GatewayProblem(ProblemType.TEST_CASE_NOT_FOUND,
                    "case " + r.testCaseId()))).toList();
        });
        BatchService service = new BatchService(recorder, validator, JSON);

        BatchResult result = service.record(List.of(item(24, 155L, null, 1), item(24, 156L, null, 2),
                item(24, 155L, null, 3), item(25, 155L, null, 4), item(24, 156L, 10L, 5), item(24, null, 10L, 6)));

        ArgumentCaptor<RunGroup> groups = ArgumentCaptor.forClass(RunGroup.class);
        verify(recorder, org.mockito.Mockito.times(4)).record(groups.capture(), any());
        assertThat(groups.getAllValues()).containsExactly(new RunGroup(24, 155L, null), new RunGroup(24, 156L, null),
                new RunGroup(25, 155L, null), new RunGroup(24, null, 10L));
        verify(recorder).record(eq(new RunGroup(24, 155L, null)), org.mockito.ArgumentMatchers.argThat(
                requests -> requests.stream().map(RunRequest::testCaseId).toList().equals(List.of(1L, 3L))));
        assertThat(result.results()).extracting(BatchResult.Item::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(IntStream.range(0, 6).mapToObj(i -> result.results().get(i).problem().getDetail()))
                .containsExactly("case 1", "case 2", "case 3", "case 4", "case 5", "case 6");
    }

    @Test
    void unreadableItemsNeverReachTheRecorder() {
        BatchService service = new BatchService(recorder, validator, JSON);

        BatchResult result = service.record(List.of(JSON.readTree("{ \"projectId\": \"x\" }"), JSON.readTree("42")));

        assertThat(result.results()).extracting(BatchResult.Item::status).containsExactly(400, 400);
        verify(recorder, never()).record(any(), any());
    }
}
