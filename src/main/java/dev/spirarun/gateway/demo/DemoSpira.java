package dev.spirarun.gateway.demo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import dev.spirarun.gateway.spira.SpiraDates;

/** The stand-in's state and rules: what a Spira 7 server does with the calls the gateway makes. */
@Profile("demo")
@Component
class DemoSpira {

    /** Spira keeps dates without a zone in the server's local time; this one pretends to be in Berlin. */
    private static final ZoneId SERVER_ZONE = ZoneId.of("Europe/Berlin");
    private static final Set<String> NOT_NULLABLE = Set.of("TestCaseId", "TestRunTypeId", "ExecutionStatusId",
            "StartDate", "ConcurrencyDate", "ProjectId", "ArtifactTypeId", "IsAttachments");
    private static final Set<String> NOT_NULLABLE_STEP = Set.of("ExecutionStatusId", "Position", "TestRunId");
    private static final int[] PRECEDENCE = { 1, 5, 6, 3, 2 };

    private final DemoSpiraProperties cost;
    private final Map<Long, Map<String, Object>> runs = new ConcurrentHashMap<>();
    private final AtomicLong runIds = new AtomicLong(50000);
    private final AtomicLong stepIds = new AtomicLong(900000);
    private final ReentrantLock summaryRefresh = new ReentrantLock();
    private final AtomicLong saves = new AtomicLong();
    private final AtomicLong saveLockNanos = new AtomicLong();
    private final AtomicLong shellCalls = new AtomicLong();

    DemoSpira(DemoSpiraProperties cost) {
        this.cost = cost;
    }

    /** Spira's own failure, shown as its HTML "Request Error" page. */
    static class RequestError extends RuntimeException {
        RequestError(String message) {
            super(message);
        }
    }

    static ResponseEntity<String> requestError(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body("""
                <html><head><title>Request Error</title></head><body><div id="content"><p class="heading1">Request Error</p>\
                <p>The server encountered an error processing the request. The exception message is '%s'. See server \
                logs for more details. The exception stack trace is: </p><p>   at Inflectra.SpiraTest.Business.TestRunManager.Save(...)</p></div></body></html>"""
                .formatted(message));
    }

    List<Map<String, Object>> shells(@Nullable Long releaseId, List<Long> testCaseIds) {
        shellCalls.incrementAndGet();
        if (testCaseIds.contains(DemoCatalog.OTHER_PROJECT_TEST_CASE)) {
            throw new RequestError("Test Case " + DemoCatalog.OTHER_PROJECT_TEST_CASE + " doesn't exist in the system.");
        }
        List<Map<String, Object>> shells = testCaseIds.stream().map(DemoCatalog.TEST_CASES::get)
                .filter(tc -> tc != null && tc.executable())
                .map(tc -> shell(tc, releaseId, null, null, DemoCatalog.API_USER)).toList();
        if (shells.isEmpty()) {
            throw new RequestError("You need to pass in at least one test case");
        }
        return shells;
    }

    List<Map<String, Object>> testSetShells(long testSetId) {
        shellCalls.incrementAndGet();
        DemoCatalog.TestSet set = DemoCatalog.TEST_SETS.get(testSetId);
        if (set == null) {
            throw new RequestError("The test set " + testSetId + " does not exist in the system.");
        }
        return set.entries().stream().map(entry -> shell(DemoCatalog.TEST_CASES.get(entry.testCaseId()),
                set.releaseId(), set.id(), entry.testSetTestCaseId(), entry.owner())).toList();
    }

    /** Inserts every run (all or nothing), derives its status, and deletes those that derive to Not Run. */
    List<Map<String, Object>> save(long projectId, List<Map<String, Object>> sent) {
        List<Map<String, Object>> saved = sent.stream().map(run -> insert(projectId, run)).toList();
        summaryRefresh.lock();
        long locked = System.nanoTime();
        try {
            pause(cost.saveBase().plus(cost.savePerRun().multipliedBy(sent.size())));
            saves.incrementAndGet();
            for (Map<String, Object> run : saved) {
                if (((Number) run.get("ExecutionStatusId")).intValue() != 3) {
                    runs.put(((Number) run.get("TestRunId")).longValue(), run);
                }
            }
        } finally {
            saveLockNanos.addAndGet(System.nanoTime() - locked);
            summaryRefresh.unlock();
        }
        return saved;
    }

    Optional<Map<String, Object>> read(long testRunId) {
        return Optional.ofNullable(runs.get(testRunId));
    }

    List<Map<String, Object>> search(long testCaseId, int startingRow, int rows) {
        return runs.values().stream()
                .filter(run -> ((Number) run.get("TestCaseId")).longValue() == testCaseId)
                .sorted(Comparator.comparing((Map<String, Object> run) -> String.valueOf(run.get("EndDate"))).reversed())
                .skip(Math.max(0, startingRow - 1)).limit(Math.min(rows, 500))
                .map(run -> {
                    Map<String, Object> withoutSteps = new LinkedHashMap<>(run);
                    withoutSteps.remove("TestRunSteps");
                    return withoutSteps;
                }).toList();
    }

    /** Counts for the benchmark: saved runs (those kept), save calls, shell calls, and how long saves held the lock. */
    Map<String, Long> stats() {
        return Map.of("runs", (long) runs.size(), "saves", saves.get(), "shells", shellCalls.get(),
                "saveLockMillis", TimeUnit.NANOSECONDS.toMillis(saveLockNanos.get()));
    }

    void pause() {
        pause(cost.latency());
    }

    private static void pause(java.time.Duration duration) {
        if (!duration.isZero()) {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, Object> insert(long projectId, Map<String, Object> sent) {
        NOT_NULLABLE.forEach(field -> {
            if (sent.containsKey(field) && sent.get(field) == null) {
                throw new RequestError("The server encountered an error deserializing the request: " + field + " cannot be null.");
            }
        });
        for (String required : List.of("StartDate", "ConcurrencyDate")) {
            if (sent.get(required) == null) {
                throw new RequestError("Cannot insert the value NULL into column '" + required + "'.");
            }
        }
        checkReference(sent.get("ReleaseId"), DemoCatalog.RELEASES);
        checkReference(sent.get("TesterId"), DemoCatalog.USERS);
        checkReference(sent.get("BuildId"), DemoCatalog.BUILDS);
        checkReference(sent.get("TestSetId"), DemoCatalog.TEST_SETS.keySet());
        long runId = runIds.incrementAndGet();
        List<Map<String, Object>> steps = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sentSteps = (List<Map<String, Object>>) sent.get("TestRunSteps");
        String latestStepEnd = null;
        Integer stepMinutes = null;
        for (Map<String, Object> sentStep : sentSteps == null ? List.<Map<String, Object>>of() : sentSteps) {
            NOT_NULLABLE_STEP.forEach(field -> {
                if (sentStep.containsKey(field) && sentStep.get(field) == null) {
                    throw new RequestError("The server encountered an error deserializing the request: " + field + " cannot be null.");
                }
            });
            Object status = sentStep.get("ExecutionStatusId");
            if (!(status instanceof Number n) || n.intValue() < 1 || n.intValue() > 6) {
                throw new RequestError("Database foreign key violation occurred");
            }
            Map<String, Object> step = new LinkedHashMap<>(sentStep);
            step.put("TestRunStepId", stepIds.incrementAndGet());
            step.put("TestRunId", runId);
            String end = stored(sentStep.get("EndDate"));
            step.put("StartDate", stored(sentStep.get("StartDate")));
            step.put("EndDate", end);
            if (end != null && (latestStepEnd == null || end.compareTo(latestStepEnd) > 0)) {
                latestStepEnd = end;
            }
            if (sentStep.get("ActualDuration") instanceof Number minutes) {
                stepMinutes = (stepMinutes == null ? 0 : stepMinutes) + minutes.intValue();
            }
            steps.add(step);
        }
        Map<String, Object> run = new LinkedHashMap<>(sent);
        run.put("TestRunId", runId);
        run.put("ProjectId", projectId);
        run.put("ExecutionStatusId", derive(steps));
        run.put("StartDate", stored(sent.get("StartDate")));
        run.put("EndDate", latestStepEnd != null ? latestStepEnd : stored(sent.get("EndDate")));
        run.put("ConcurrencyDate", SpiraDates.format(Instant.now()));
        if (stepMinutes != null) {
            run.put("ActualDuration", stepMinutes);
        }
        run.put("TestRunSteps", steps.isEmpty() ? null : steps);
        return run;
    }

    private static void checkReference(@Nullable Object id, Set<Long> known) {
        if (id instanceof Number number && !known.contains(number.longValue())) {
            throw new RequestError("Database foreign key violation occurred");
        }
    }

    /** Failed > Blocked > Caution > Not Run > Passed; N/A only when every step is N/A (or there are none). */
    private static int derive(List<Map<String, Object>> steps) {
        List<Integer> statuses = steps.stream().map(step -> ((Number) step.get("ExecutionStatusId")).intValue()).toList();
        for (int status : PRECEDENCE) {
            if (statuses.contains(status)) {
                return status;
            }
        }
        return 4;
    }

    /** As Spira stores a date: a Z value as sent, an offset shifted to server time and the zone dropped. */
    private static @Nullable String stored(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        try {
            if (text.endsWith("Z")) {
                return SpiraDates.format(Instant.parse(text));
            }
            OffsetDateTime withOffset = OffsetDateTime.parse(text);
            LocalDateTime local = withOffset.atZoneSameInstant(SERVER_ZONE).toLocalDateTime();
            // The zone is lost: reading it back as UTC shifts the instant.
            return SpiraDates.format(local.toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException noOffset) {
            try {
                return SpiraDates.format(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException unreadable) {
                throw new RequestError("The server encountered an error deserializing the request: bad date '" + text + "'.");
            }
        }
    }

    private Map<String, Object> shell(DemoCatalog.TestCase testCase, @Nullable Long releaseId, @Nullable Long testSetId,
            @Nullable Long testSetTestCaseId, long tester) {
        String now = SpiraDates.format(Instant.now());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("TestRunId", 0);
        run.put("Name", testCase.name());
        run.put("TestCaseId", testCase.id());
        run.put("TestRunTypeId", 1);
        run.put("TesterId", tester);
        run.put("ExecutionStatusId", 3);
        run.put("ReleaseId", releaseId);
        run.put("TestSetId", testSetId);
        run.put("TestSetTestCaseId", testSetTestCaseId);
        run.put("StartDate", now);
        run.put("EndDate", null);
        run.put("BuildId", null);
        run.put("EstimatedDuration", 5);
        run.put("ActualDuration", null);
        run.put("TestConfigurationId", null);
        run.put("ProjectId", DemoCatalog.PROJECT);
        run.put("ArtifactTypeId", 5);
        run.put("ConcurrencyDate", now);
        run.put("CustomProperties", null);
        run.put("IsAttachments", false);
        run.put("Tags", null);
        List<Map<String, Object>> steps = null;
        if (testCase.steps() != null) {
            steps = new ArrayList<>();
            int position = 1;
            for (DemoCatalog.Step step : testCase.steps()) {
                Map<String, Object> shellStep = new LinkedHashMap<>();
                shellStep.put("TestRunStepId", 0);
                shellStep.put("TestRunId", 0);
                shellStep.put("TestStepId", step.testStepId());
                shellStep.put("TestCaseId", step.testCaseId());
                shellStep.put("ExecutionStatusId", 3);
                shellStep.put("Position", position++);
                shellStep.put("Description", step.description());
                shellStep.put("ExpectedResult", step.expectedResult());
                shellStep.put("SampleData", step.sampleData());
                shellStep.put("ActualResult", null);
                shellStep.put("ActualDuration", null);
                shellStep.put("StartDate", null);
                shellStep.put("EndDate", null);
                steps.add(shellStep);
            }
        }
        run.put("TestRunSteps", steps);
        return run;
    }
}
