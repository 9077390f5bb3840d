package dev.spirarun.gateway.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.spirarun.gateway.spira.SpiraTestRun;
import dev.spirarun.gateway.spira.SpiraTestRunStep;
import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;

/** The merge, with no Spring: every precedence case and every trap. */
class RunMergeTest {

    static final OffsetDateTime START = OffsetDateTime.parse("2026-11-30T10:00:00.000+02:00");
    static final OffsetDateTime END = OffsetDateTime.parse("2026-11-30T10:05:30.250+02:00");

    static SpiraTestRunStep shellStep(long testStepId, long testCaseId, int position) {
        return new SpiraTestRunStep(0L, 0L, testStepId, testCaseId, 3, position, "Step " + position, "Works", null, null,
                null, null, null);
    }

    static SpiraTestRun shell(@Nullable List<SpiraTestRunStep> steps) {
        return new SpiraTestRun(0L, "Sample Test Case", 290, 1, 7L, 3, 155L, null, null, "2026-12-03T15:55:05.250Z", null,
                null, 5, null, null, 24L, 5, "2026-12-03T15:55:05.250Z", null, false, null, steps);
    }

    static final SpiraTestRun THREE_STEPS = shell(List.of(shellStep(314, 290, 1), shellStep(315, 290, 2), shellStep(316, 290, 3)));
    /** 283 links 284 twice: test step 3000 appears at positions 2 and 4. */
    static final SpiraTestRun LINKED_TWICE = shell(List.of(shellStep(3002, 283, 1), shellStep(3000, 284, 2),
            shellStep(3001, 284, 3), shellStep(3000, 284, 4)));

    static RunRequest request(@Nullable Outcome status, StepOutcome... steps) {
        return new RunRequest(24L, 290L, 155L, null, null, null, null, START, END, status,
                steps.length == 0 ? null : List.of(steps));
    }

    static StepOutcome at(int position, Outcome status) {
        return new StepOutcome(position, null, status, null);
    }

    static StepOutcome step(long testStepId, Outcome status) {
        return new StepOutcome(null, testStepId, status, null);
    }

    static StepOutcome next(Outcome status) {
        return new StepOutcome(null, null, status, null);
    }

    static List<Integer> statuses(RunMerge.Ready ready) {
        return ready.run().steps().stream().map(SpiraTestRunStep::executionStatusId).toList();
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of("status for every step", request(Outcome.PASSED), List.of(2, 2, 2), Outcome.PASSED),
                Arguments.of("listed step overrides status", request(Outcome.PASSED, at(2, Outcome.FAILED)), List.of(2, 1, 2), Outcome.FAILED),
                Arguments.of("by test step ID", request(Outcome.PASSED, step(316, Outcome.BLOCKED)), List.of(2, 2, 5), Outcome.BLOCKED),
                Arguments.of("position and ID mixed", request(Outcome.PASSED, at(2, Outcome.FAILED), step(316, Outcome.BLOCKED)), List.of(2, 1, 5), Outcome.FAILED),
                Arguments.of("by order", request(null, next(Outcome.PASSED), next(Outcome.CAUTION), next(Outcome.NOT_APPLICABLE)), List.of(2, 6, 4), Outcome.CAUTION),
                Arguments.of("no status: unlisted stay Not Run, Failed wins", request(null, at(1, Outcome.FAILED)), List.of(1, 3, 3), Outcome.FAILED),
                Arguments.of("all N/A", request(Outcome.NOT_APPLICABLE), List.of(4, 4, 4), Outcome.NOT_APPLICABLE),
                Arguments.of("N/A and Passed", request(Outcome.NOT_APPLICABLE, at(1, Outcome.PASSED)), List.of(2, 4, 4), Outcome.PASSED),
                Arguments.of("Blocked beats Caution", request(Outcome.CAUTION, at(3, Outcome.BLOCKED)), List.of(6, 6, 5), Outcome.BLOCKED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void appliesOutcomesAndDerivesTheRunStatus(String name, RunRequest request, List<Integer> expected, Outcome derived) {
        RunMerge.Ready ready = RunMerge.merge(THREE_STEPS, request);

        assertThat(statuses(ready)).isEqualTo(expected);
        assertThat(ready.derived()).isEqualTo(derived);
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("only Passed and Not Run", request(null, at(1, Outcome.PASSED)), ProblemType.RUN_WOULD_BE_DELETED),
                Arguments.of("all Not Run", request(Outcome.NOT_RUN), ProblemType.RUN_WOULD_BE_DELETED),
                Arguments.of("Not Run with N/A", request(Outcome.NOT_APPLICABLE, at(1, Outcome.NOT_RUN)), ProblemType.RUN_WOULD_BE_DELETED),
                Arguments.of("unknown position", request(Outcome.PASSED, at(4, Outcome.FAILED)), ProblemType.UNKNOWN_STEP),
                Arguments.of("unknown test step", request(Outcome.PASSED, step(999, Outcome.FAILED)), ProblemType.UNKNOWN_STEP),
                Arguments.of("position and ID disagree", request(Outcome.PASSED, new StepOutcome(1, 316L, Outcome.FAILED, null)), ProblemType.UNKNOWN_STEP),
                Arguments.of("same step twice", request(Outcome.PASSED, at(2, Outcome.FAILED), step(315, Outcome.PASSED)), ProblemType.DUPLICATE_STEP),
                Arguments.of("too few by order", request(null, next(Outcome.PASSED), next(Outcome.FAILED)), ProblemType.STEP_COUNT_MISMATCH),
                Arguments.of("too many by order", request(null, next(Outcome.PASSED), next(Outcome.FAILED), next(Outcome.PASSED), next(Outcome.PASSED)), ProblemType.STEP_COUNT_MISMATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWhatDoesNotFitOrWouldBeDeleted(String name, RunRequest request, ProblemType expected) {
        assertThatThrownBy(() -> RunMerge.merge(THREE_STEPS, request)).isInstanceOfSatisfying(GatewayProblem.class,
                problem -> assertThat(problem.type()).isEqualTo(expected));
    }

    @Test
    void unknownStepsAreAllNamedWithTheValidChoices() {
        assertThatThrownBy(() -> RunMerge.merge(THREE_STEPS, request(Outcome.PASSED, at(7, Outcome.FAILED), step(999, Outcome.FAILED))))
                .isInstanceOfSatisfying(GatewayProblem.class, problem -> {
                    assertThat(problem.errors()).extracting(e -> e.field()).containsExactly("steps[0].position", "steps[1].testStepId");
                    assertThat(problem.errors().get(0).message()).contains("1-3");
                    assertThat(problem.errors().get(1).message()).contains("314, 315, 316");
                });
    }

    @Test
    void linkedStepUsedTwiceMustBeNamedByPosition() {
        assertThatThrownBy(() -> RunMerge.merge(LINKED_TWICE, request(Outcome.PASSED, step(3000, Outcome.FAILED))))
                .isInstanceOfSatisfying(GatewayProblem.class, problem -> {
                    assertThat(problem.type()).isEqualTo(ProblemType.AMBIGUOUS_STEP);
                    assertThat(problem.errors().getFirst().message()).contains("2, 4");
                });
        RunMerge.Ready byPosition = RunMerge.merge(LINKED_TWICE, request(Outcome.PASSED, at(4, Outcome.FAILED)));
        assertThat(statuses(byPosition)).containsExactly(2, 2, 2, 1);
        assertThat(byPosition.run().steps().get(3).testCaseId()).isEqualTo(284);
    }

    @Test
    void linkedStepsAreAddressedByTheirOwnTestStepId() {
        RunMerge.Ready ready = RunMerge.merge(LINKED_TWICE, request(Outcome.PASSED, step(3001, Outcome.CAUTION)));
        assertThat(statuses(ready)).containsExactly(2, 2, 6, 2);
    }

    @Test
    void buildsTheRunToSaveFromShellAndRequest() {
        RunRequest request = new RunRequest(24L, 290L, 155L, null, 12L, 8L, "Nightly smoke", START, END, Outcome.PASSED,
                List.of(new StepOutcome(2, null, Outcome.FAILED, "Login rejected")));

        SpiraTestRun run = RunMerge.merge(THREE_STEPS, request).run();

        assertThat(run.executionStatusId()).as("omitted so Spira derives it").isNull();
        assertThat(run.startDate()).isEqualTo("2026-11-30T08:00:00.000Z");
        assertThat(run.endDate()).isEqualTo("2026-11-30T08:05:30.250Z");
        assertThat(run.actualDuration()).isEqualTo(5);
        assertThat(run.name()).isEqualTo("Nightly smoke");
        assertThat(run.testerId()).isEqualTo(8);
        assertThat(run.buildId()).isEqualTo(12);
        assertThat(run.concurrencyDate()).isEqualTo(THREE_STEPS.concurrencyDate());
        assertThat(run.steps().get(1).actualResult()).isEqualTo("Login rejected");
        assertThat(run.steps()).allSatisfy(step -> {
            assertThat(step.endDate()).isNull();
            assertThat(step.actualDuration()).isNull();
            assertThat(step.description()).isNotNull();
        });
    }

    @Test
    void defaultsToSpirasNameAndTester() {
        SpiraTestRun run = RunMerge.merge(THREE_STEPS, request(Outcome.PASSED)).run();
        assertThat(run.name()).isEqualTo("Sample Test Case");
        assertThat(run.testerId()).isEqualTo(7);
    }

    @Test
    void durationIsTruncatedToWholeMinutes() {
        RunRequest request = new RunRequest(24L, 290L, null, null, null, null, null, START, START.plusSeconds(119),
                Outcome.PASSED, null);
        assertThat(RunMerge.merge(THREE_STEPS, request).run().actualDuration()).isEqualTo(1);
    }

    @Test
    void steplessTestCaseTakesOnlyNotApplicable() {
        SpiraTestRun stepless = shell(null);
        RunMerge.Ready ready = RunMerge.merge(stepless, request(Outcome.NOT_APPLICABLE));
        assertThat(ready.run().testRunSteps()).isNull();
        assertThat(ready.derived()).isEqualTo(Outcome.NOT_APPLICABLE);

        for (RunRequest other : List.of(request(Outcome.PASSED), request(Outcome.NOT_APPLICABLE, at(1, Outcome.PASSED)))) {
            assertThatThrownBy(() -> RunMerge.merge(stepless, other)).isInstanceOfSatisfying(GatewayProblem.class,
                    problem -> assertThat(problem.type()).isEqualTo(ProblemType.NO_STEPS));
        }
    }

    @Test
    void testSetRunKeepsTheSetsLinkageAndRejectsAnotherRelease() {
        SpiraTestRun inSet = new SpiraTestRun(0L, "Sample Test Case", 290, 1, 2L, 3, 156L, 10L, 1001L,
                "2026-12-03T15:55:05.250Z", null, null, 5, null, null, 24L, 5, "2026-12-03T15:55:05.250Z", null, false,
                null, THREE_STEPS.testRunSteps());
        RunRequest noRelease = new RunRequest(24L, 290L, null, 10L, null, null, null, START, END, Outcome.PASSED, null);

        SpiraTestRun run = RunMerge.merge(inSet, noRelease).run();
        assertThat(run.testSetId()).isEqualTo(10);
        assertThat(run.testSetTestCaseId()).isEqualTo(1001);
        assertThat(run.releaseId()).isEqualTo(156);
        assertThat(run.testerId()).isEqualTo(2);

        RunRequest otherRelease = new RunRequest(24L, 290L, 155L, 10L, null, null, null, START, END, Outcome.PASSED, null);
        assertThatThrownBy(() -> RunMerge.merge(inSet, otherRelease)).isInstanceOfSatisfying(GatewayProblem.class,
                problem -> assertThat(problem.type()).isEqualTo(ProblemType.RELEASE_CONFLICT));
    }

    @Test
    void neverChangesTheShellItWasGiven() {
        List<SpiraTestRunStep> steps = new ArrayList<>(THREE_STEPS.steps());
        RunMerge.merge(THREE_STEPS, request(Outcome.FAILED));
        assertThat(THREE_STEPS.steps()).isEqualTo(steps);
        assertThat(THREE_STEPS.steps()).allSatisfy(step -> assertThat(step.executionStatusId()).isEqualTo(3));
    }
}
