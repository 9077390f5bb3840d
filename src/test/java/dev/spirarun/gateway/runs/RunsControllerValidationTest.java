package dev.spirarun.gateway.runs;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.spirarun.gateway.spira.SpiraClient;
import dev.spirarun.gateway.spira.SpiraProperties;
import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;

/** Request validation and problem bodies; the service is a mock that must never be reached by bad input. */
@WebMvcTest(controllers = RunsController.class, excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = ".*IdempotencyFilter"))
@EnableConfigurationProperties(RunsProperties.class)
class RunsControllerValidationTest {

    static final String VALID = """
            { "projectId": 24, "testCaseId": 290, "startedAt": "2026-11-30T10:00:00Z",
              "endedAt": "2026-11-30T10:05:00Z", "status": "PASSED" }""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RunService runs;

    @MockitoBean
    SpiraClient spira;

    @MockitoBean
    SpiraProperties spiraProperties;

    ResultActions post(String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/runs")
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void everyFieldErrorIsListedAtOnce() throws Exception {
        post("""
                { "projectId": 0, "releaseId": -3, "name": "%s",
                  "startedAt": "2026-11-30T10:00:00Z", "endedAt": "2026-11-30T09:00:00Z",
                  "steps": [ { "position": 0, "status": "PASSED" }, { "position": 2 } ] }""".formatted("x".repeat(256)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ProblemType.INVALID_REQUEST.uri().toString()))
                .andExpect(jsonPath("$.title").value("The request is not valid"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "endedAt", "name", "projectId", "releaseId", "steps[0].position", "steps[1].status", "testCaseId")))
                .andExpect(jsonPath("$.errors", hasSize(7)));
        verifyNoInteractions(runs, spira);
    }

    @Test
    void missingTimesAndNoOutcomeAreNamed() throws Exception {
        post("{ \"projectId\": 24, \"testCaseId\": 290 }")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "endedAt", "startedAt", "status")));
        verifyNoInteractions(runs);
    }

    @Test
    void stepsMustAllNameTheirStepOrNoneMay() throws Exception {
        post(VALID.replace("\"status\": \"PASSED\"", "\"steps\": [ { \"position\": 1, \"status\": \"PASSED\" }, { \"status\": \"FAILED\" } ]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("steps"));
    }

    @Test
    void futureTimesBeyondTheSkewAreRejected() throws Exception {
        post(VALID.replace("2026-11-30T10:05:00Z", "2999-01-01T00:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("endedAt"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("future")));
    }

    @Test
    void dateWithoutOffsetIsRejectedNamingTheField() throws Exception {
        post(VALID.replace("2026-11-30T10:00:00Z", "2026-11-30T10:00:00"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemType.MALFORMED_REQUEST.uri().toString()))
                .andExpect(jsonPath("$.errors[0].field").value("startedAt"))
                .andExpect(jsonPath("$.detail").value(containsString("offset or Z")));
    }

    @Test
    void unknownStatusListsTheAllowedValues() throws Exception {
        post(VALID.replace("PASSED", "GREEN"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"))
                .andExpect(jsonPath("$.detail").value(containsString("PASSED, NOT_RUN, NOT_APPLICABLE, BLOCKED, CAUTION")));
    }

    @Test
    void unknownFieldIsRejected() throws Exception {
        post(VALID.replace("\"status\"", "\"stauts\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("stauts"));
    }

    @Test
    void wrongTypeNamesTheNestedField() throws Exception {
        post(VALID.replace("\"status\": \"PASSED\"", "\"steps\": [ { \"position\": \"two\", \"status\": \"PASSED\" } ]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("steps[0].position"));
    }

    @Test
    void notJsonIs400WithoutEchoingParserInternals() throws Exception {
        post("{ nope")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemType.MALFORMED_REQUEST.uri().toString()))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(containsString("tools.jackson"))));
    }

    @Test
    void actualResultIsLimitedTo64KiBOfUtf8() throws Exception {
        String tooLong = "é".repeat(32769); // 65538 bytes in UTF-8, 32769 characters
        post(VALID.replace("\"status\": \"PASSED\"", "\"status\": \"PASSED\", \"steps\": [ { \"position\": 1, \"status\": \"FAILED\", \"actualResult\": \"" + tooLong + "\" } ]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("steps[0].actualResult"));
    }

    @Test
    void gatewayProblemsCarryRetryAfterAndRetrySafe() throws Exception {
        when(runs.record(any())).thenThrow(new GatewayProblem(ProblemType.SPIRA_UNAVAILABLE, "Spira cannot be reached.",
                List.of(), java.time.Duration.ofSeconds(30), Boolean.TRUE));
        post(VALID)
                .andExpect(status().isServiceUnavailable())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.retrySafe").value(true))
                .andExpect(jsonPath("$.type").value(ProblemType.SPIRA_UNAVAILABLE.uri().toString()));
    }

    @Test
    void wrongMediaTypeIsAProblemToo() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/runs")
                .contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ProblemType.HTTP_ERROR.uri().toString()));
    }
}
