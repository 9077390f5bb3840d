package dev.spirarun.gateway.runs;

import static dev.spirarun.gateway.runs.Outcome.BLOCKED;
import static dev.spirarun.gateway.runs.Outcome.CAUTION;
import static dev.spirarun.gateway.runs.Outcome.FAILED;
import static dev.spirarun.gateway.runs.Outcome.NOT_APPLICABLE;
import static dev.spirarun.gateway.runs.Outcome.NOT_RUN;
import static dev.spirarun.gateway.runs.Outcome.PASSED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusRollupTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of(), NOT_APPLICABLE),
                Arguments.of(List.of(NOT_APPLICABLE, NOT_APPLICABLE), NOT_APPLICABLE),
                Arguments.of(List.of(PASSED, PASSED), PASSED),
                Arguments.of(List.of(PASSED, NOT_APPLICABLE), PASSED),
                Arguments.of(List.of(NOT_RUN), NOT_RUN),
                Arguments.of(List.of(PASSED, NOT_RUN), NOT_RUN),
                Arguments.of(List.of(PASSED, NOT_RUN, NOT_APPLICABLE), NOT_RUN),
                Arguments.of(List.of(NOT_APPLICABLE, NOT_RUN), NOT_RUN),
                Arguments.of(List.of(NOT_RUN, CAUTION), CAUTION),
                Arguments.of(List.of(PASSED, CAUTION, NOT_APPLICABLE), CAUTION),
                Arguments.of(List.of(CAUTION, BLOCKED), BLOCKED),
                Arguments.of(List.of(NOT_RUN, BLOCKED, PASSED), BLOCKED),
                Arguments.of(List.of(BLOCKED, FAILED), FAILED),
                Arguments.of(List.of(FAILED, CAUTION, NOT_RUN, PASSED, NOT_APPLICABLE), FAILED),
                Arguments.of(List.of(NOT_APPLICABLE, FAILED), FAILED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void derivesAsSpiraDoes(List<Outcome> steps, Outcome expected) {
        assertThat(StatusRollup.derive(steps)).isEqualTo(expected);
    }
}
