package dev.spirarun.gateway.demo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Hidden;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spira endpoints the gateway uses, answered like Spira answers them — the traps included: shells leave
 * out unknown cases, a save always inserts, a run that derives to Not Run is deleted yet answered with an ID,
 * and errors come as empty 401s, JSON strings or HTML "Request Error" pages.
 */
@Hidden
@Profile("demo")
@RestController
@RequestMapping("/demo-spira/Services/{version}/RestService.svc/projects/{projectId}")
class DemoSpiraController {

    static final String USERNAME = "demo";
    static final String API_KEY = "{DEMO-0000-0000-0000-000000000000}";

    private final DemoSpira spira;
    private final JsonMapper json;

    DemoSpiraController(DemoSpira spira, JsonMapper json) {
        this.spira = spira;
        this.json = json;
    }

    @PostMapping("/test-runs/create")
    ResponseEntity<?> shells(@PathVariable long projectId, @RequestParam(name = "release_id", required = false) @Nullable Long releaseId,
            @RequestBody(required = false) @Nullable String body, @RequestHeader HttpHeaders headers) {
        return guarded(projectId, headers, () -> {
            List<Long> ids = body == null || body.isBlank() ? List.of() : json.readValue(body, new TypeReference<List<Long>>() {
            });
            return ResponseEntity.ok(spira.shells(releaseId, ids));
        });
    }

    @PostMapping("/test-runs/create/test_set/{testSetId}")
    ResponseEntity<?> testSetShells(@PathVariable long projectId, @PathVariable long testSetId,
            @RequestHeader HttpHeaders headers) {
        return guarded(projectId, headers, () -> ResponseEntity.ok(spira.testSetShells(testSetId)));
    }

    @PutMapping("/test-runs")
    ResponseEntity<?> save(@PathVariable long projectId, @RequestBody(required = false) @Nullable String body,
            @RequestHeader HttpHeaders headers) {
        return guarded(projectId, headers, () -> {
            if (body == null || body.isBlank()) {
                return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                        .body("\"No data was provided to the web service!\"");
            }
            List<Map<String, Object>> runs = json.readValue(body, new TypeReference<List<Map<String, Object>>>() {
            });
            return ResponseEntity.ok(spira.save(projectId, runs));
        });
    }

    @GetMapping("/test-runs/{testRunId}/manual")
    ResponseEntity<?> read(@PathVariable long projectId, @PathVariable long testRunId,
            @RequestHeader HttpHeaders headers) {
        return guarded(projectId, headers, () -> spira.read(testRunId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> DemoSpira.requestError(HttpStatus.NOT_FOUND,
                        "The test run " + testRunId + " does not exist in the system.")));
    }

    @PostMapping("/test-cases/{testCaseId}/test-runs/search")
    ResponseEntity<?> search(@PathVariable long projectId, @PathVariable long testCaseId,
            @RequestParam(name = "starting_row", defaultValue = "1") int startingRow,
            @RequestParam(name = "number_of_rows", defaultValue = "15") int rows,
            @RequestHeader HttpHeaders headers) {
        return guarded(projectId, headers, () -> ResponseEntity.ok(spira.search(testCaseId, startingRow, rows)));
    }

    /** For the benchmark: how many runs the stand-in keeps and how many calls it served. */
    @GetMapping("/stand-in-stats")
    Map<String, Long> stats() {
        return spira.stats();
    }

    private ResponseEntity<?> guarded(long projectId, HttpHeaders headers, Answer answer) {
        spira.pause();
        if (!Objects.equals(headers.getFirst("username"), USERNAME) || !Objects.equals(headers.getFirst("api-key"), API_KEY)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (headers.getContentType() == null) {
            // Spira's JSON formatter crashes without a Content-Type, GETs included.
            return DemoSpira.requestError(HttpStatus.BAD_REQUEST, "Object reference not set to an instance of an object.");
        }
        if (projectId != DemoCatalog.PROJECT) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON)
                    .body("\"You are not a member of product '" + projectId + "'. Please contact the product owner to have yourself added.\"");
        }
        try {
            return answer.get();
        } catch (DemoSpira.RequestError error) {
            return DemoSpira.requestError(HttpStatus.BAD_REQUEST, error.getMessage());
        } catch (tools.jackson.core.JacksonException unreadable) {
            return DemoSpira.requestError(HttpStatus.BAD_REQUEST, "The server encountered an error deserializing the request.");
        }
    }

    @FunctionalInterface
    interface Answer {
        ResponseEntity<?> get();
    }
}
