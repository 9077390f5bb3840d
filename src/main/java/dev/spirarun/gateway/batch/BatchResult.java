package dev.spirarun.gateway.batch;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;

import dev.spirarun.gateway.runs.RunView;
import dev.spirarun.gateway.system.ProblemBody;

/** One result per item, in request order. */
@Schema(description = "One result per run, in request order")
record BatchResult(List<Item> results) {

    /** The outcome of one item: the POST /runs answer it would have had. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "What POST /runs would have answered for this item")
    record Item(@Schema(description = "Position of the item in `runs`", example = "0") int index,
            @Schema(description = "201, or the problem's status", example = "201") int status,
            @Schema(description = "The saved run, when status is 201") @Nullable RunView run,
            @Schema(description = "The problem, when the item failed", implementation = ProblemBody.class)
            @Nullable ProblemDetail problem) {
    }

    boolean allCreated() {
        return results.stream().allMatch(item -> item.status() == 201);
    }
}
