package dev.spirarun.gateway.system;

import io.swagger.v3.oas.annotations.media.Schema;

/** One entry of a problem's {@code errors} list: which field and what is wrong with it. */
@Schema(description = "A field-level error")
public record FieldProblem(
        @Schema(description = "JSON path of the field, e.g. `steps[1].status`", example = "steps[0].position") String field,
        @Schema(description = "What is wrong and what is allowed", example = "position 7 does not exist; valid positions are 1-3") String message) {
}
