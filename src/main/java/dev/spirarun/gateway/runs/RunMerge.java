package dev.spirarun.gateway.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import dev.spirarun.gateway.spira.SpiraDates;
import dev.spirarun.gateway.spira.SpiraTestRun;
import dev.spirarun.gateway.spira.SpiraTestRunStep;
import dev.spirarun.gateway.system.FieldProblem;
import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;

/**
 * Shell + request → the run to save, or the reason it must not be saved. Pure: no I/O, no clock, nothing
 * mutated. Everything Spira would silently get wrong is decided here, before any save.
 */
final class RunMerge {

    private RunMerge() {
    }

    /** The run to send and the status Spira will derive for it. */
    record Ready(SpiraTestRun run, Outcome derived) {
    }

    /** Merges, or throws the 422 problem that says why the request does not fit the test case. */
    static Ready merge(SpiraTestRun shell, RunRequest request) {
        if (shell.testSetId() != null && request.releaseId() != null && !request.releaseId().equals(shell.releaseId())) {
            throw new GatewayProblem(ProblemType.RELEASE_CONFLICT, shell.releaseId() == null
                    ? "Test set %d has no release, but the request names release %d; omit releaseId."
                            .formatted(shell.testSetId(), request.releaseId())
                    : "Test set %d is planned for release %d, but the request names release %d; omit releaseId or give %d."
                            .formatted(shell.testSetId(), shell.releaseId(), request.releaseId(), shell.releaseId()),
                    List.of(new FieldProblem("releaseId", shell.releaseId() == null ? "must be omitted: the test set has no release"
                            : "must be the test set's release " + shell.releaseId())));
        }
        List<SpiraTestRunStep> steps = shell.steps();
        Assignment assigned = steps.isEmpty() ? new Assignment(new Outcome[0], new String[0]) : assign(shell, request);
        Outcome[] outcomes = assigned.outcomes();
        if (steps.isEmpty() && (!request.stepList().isEmpty() || request.status() != Outcome.NOT_APPLICABLE)) {
            throw new GatewayProblem(ProblemType.NO_STEPS, ("Test case %d has no steps, and Spira records a manual run "
                    + "of such a test case as N/A whatever is sent. Send status NOT_APPLICABLE and no steps.")
                    .formatted(shell.testCaseId()), List.of(request.stepList().isEmpty()
                            ? new FieldProblem("status", "must be NOT_APPLICABLE for a test case without steps")
                            : new FieldProblem("steps", "must be empty: the test case has no steps")));
        }
        Outcome derived = StatusRollup.derive(Arrays.asList(outcomes));
        if (derived == Outcome.NOT_RUN) {
            throw new GatewayProblem(ProblemType.RUN_WOULD_BE_DELETED, ("With these outcomes Spira derives the run "
                    + "status Not Run (steps at positions %s stay Not Run and none failed, was blocked or needs caution). "
                    + "Spira deletes such a run in the same request while still answering with an ID, so the gateway "
                    + "did not send it. Give those steps an outcome, for example with `status`.")
                    .formatted(positions(outcomes, Outcome.NOT_RUN)));
        }
        List<SpiraTestRunStep> merged = steps.isEmpty() ? null : IntStream.range(0, steps.size())
                .mapToObj(i -> step(steps.get(i), outcomes[i], assigned.actualResults()[i])).toList();
        long minutes = Duration.between(request.startedAt(), request.endedAt()).toMinutes();
        SpiraTestRun run = new SpiraTestRun(shell.testRunId(), request.name() != null ? request.name() : shell.name(),
                shell.testCaseId(), shell.testRunTypeId(), request.testerId() != null ? request.testerId() : shell.testerId(),
                // Omitted on purpose: Spira derives the run's status from the steps.
                null, shell.releaseId(), shell.testSetId(), shell.testSetTestCaseId(),
                SpiraDates.format(request.startedAt().toInstant()), SpiraDates.format(request.endedAt().toInstant()),
                request.buildId() != null ? request.buildId() : shell.buildId(), shell.estimatedDuration(),
                (int) minutes, shell.testConfigurationId(), shell.projectId(), shell.artifactTypeId(),
                shell.concurrencyDate(), shell.customProperties(), shell.isAttachments(), shell.tags(), merged);
        return new Ready(run, derived);
    }

    /**
     * Step dates and durations are cleared: Spira takes the latest step end date over the run's and sums step
     * durations into the run's, which would override the caller's timing.
     */
    private static SpiraTestRunStep step(SpiraTestRunStep shell, Outcome outcome, @Nullable String actualResult) {
        return new SpiraTestRunStep(shell.testRunStepId(), shell.testRunId(), shell.testStepId(), shell.testCaseId(),
                outcome.spiraId(), shell.position(), shell.description(), shell.expectedResult(), shell.sampleData(),
                actualResult, null, null, null);
    }

    /** Each step's outcome and actual result, in step order. */
    private record Assignment(Outcome[] outcomes, @Nullable String[] actualResults) {
    }

    private static Assignment assign(SpiraTestRun shell, RunRequest request) {
        List<SpiraTestRunStep> steps = shell.steps();
        Outcome[] outcomes = new Outcome[steps.size()];
        Arrays.fill(outcomes, request.status() != null ? request.status() : Outcome.NOT_RUN);
        String[] actualResults = steps.stream().map(SpiraTestRunStep::actualResult).toArray(String[]::new);
        List<StepOutcome> entries = request.stepList();
        boolean byOrder = entries.stream().noneMatch(StepOutcome::identifiesStep);
        if (byOrder && !entries.isEmpty() && entries.size() != steps.size()) {
            throw new GatewayProblem(ProblemType.STEP_COUNT_MISMATCH, ("Test case %d has %d steps (positions 1-%d); "
                    + "steps without position or testStepId apply in order and must list all %d, but %d were given.")
                    .formatted(shell.testCaseId(), steps.size(), steps.size(), steps.size(), entries.size()),
                    List.of(new FieldProblem("steps", "must have exactly %d entries, or name each step's position"
                            .formatted(steps.size()))));
        }
        List<Failure> failures = new ArrayList<>();
        Integer[] claimedBy = new Integer[steps.size()];
        for (int i = 0; i < entries.size(); i++) {
            StepOutcome entry = entries.get(i);
            int index = byOrder ? i : locate(entry, i, shell, failures);
            if (index < 0) {
                continue;
            }
            if (claimedBy[index] != null) {
                failures.add(new Failure(ProblemType.DUPLICATE_STEP, new FieldProblem("steps[" + i + "]",
                        "refers to the step at position %d, like steps[%d]".formatted(index + 1, claimedBy[index]))));
                continue;
            }
            claimedBy[index] = i;
            outcomes[index] = entry.status();
            if (entry.actualResult() != null) {
                actualResults[index] = entry.actualResult();
            }
        }
        if (!failures.isEmpty()) {
            throw problem(shell, failures);
        }
        return new Assignment(outcomes, actualResults);
    }

    /** The step index an entry names, or -1 after recording why it names none. */
    private static int locate(StepOutcome entry, int i, SpiraTestRun shell, List<Failure> failures) {
        List<SpiraTestRunStep> steps = shell.steps();
        int byPosition = -1;
        if (entry.position() != null) {
            if (entry.position() > steps.size()) {
                failures.add(new Failure(ProblemType.UNKNOWN_STEP, new FieldProblem("steps[" + i + "].position",
                        "position %d does not exist; valid positions are 1-%d".formatted(entry.position(), steps.size()))));
                return -1;
            }
            byPosition = entry.position() - 1;
        }
        if (entry.testStepId() == null) {
            return byPosition;
        }
        List<Integer> matches = IntStream.range(0, steps.size())
                .filter(s -> entry.testStepId().equals(steps.get(s).testStepId())).boxed().toList();
        String field = "steps[" + i + "].testStepId";
        if (matches.isEmpty()) {
            failures.add(new Failure(ProblemType.UNKNOWN_STEP, new FieldProblem(field, "test step %d is not in test case %d; valid test step IDs are %s"
                    .formatted(entry.testStepId(), shell.testCaseId(), stepIds(shell)))));
            return -1;
        }
        if (byPosition >= 0) {
            if (!matches.contains(byPosition)) {
                failures.add(new Failure(ProblemType.UNKNOWN_STEP, new FieldProblem(field, "position %d is test step %d, not %d"
                        .formatted(byPosition + 1, steps.get(byPosition).testStepId(), entry.testStepId()))));
                return -1;
            }
            return byPosition;
        }
        if (matches.size() > 1) {
            failures.add(new Failure(ProblemType.AMBIGUOUS_STEP, new FieldProblem(field, "test step %d occurs at positions %s; give position instead"
                    .formatted(entry.testStepId(), matches.stream().map(m -> String.valueOf(m + 1)).collect(Collectors.joining(", "))))));
            return -1;
        }
        return matches.getFirst();
    }

    private record Failure(ProblemType type, FieldProblem problem) {
    }

    private static GatewayProblem problem(SpiraTestRun shell, List<Failure> failures) {
        ProblemType type = failures.stream().map(Failure::type).min(Comparator.naturalOrder()).orElseThrow();
        List<FieldProblem> errors = failures.stream().map(Failure::problem).toList();
        String detail = switch (type) {
            case UNKNOWN_STEP -> "The steps do not match test case %d, which has %d steps (positions 1-%d, test step IDs %s)."
                    .formatted(shell.testCaseId(), shell.steps().size(), shell.steps().size(), stepIds(shell));
            case AMBIGUOUS_STEP -> "A test step ID occurs more than once in test case %d (a linked test case is used twice); identify those steps by position."
                    .formatted(shell.testCaseId());
            default -> "More than one entry of `steps` refers to the same step of test case %d; list each step once."
                    .formatted(shell.testCaseId());
        };
        return new GatewayProblem(type, detail + " See `errors`.", errors);
    }

    private static String stepIds(SpiraTestRun shell) {
        return shell.steps().stream().map(step -> String.valueOf(step.testStepId())).collect(Collectors.joining(", "));
    }

    private static String positions(Outcome[] outcomes, Outcome wanted) {
        return IntStream.range(0, outcomes.length).filter(i -> outcomes[i] == wanted).mapToObj(i -> String.valueOf(i + 1))
                .collect(Collectors.joining(", "));
    }
}
