package dev.spirarun.gateway.system;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/** Bean Validation results as one 400 problem listing every field error at once. */
public final class Validation {

    private Validation() {
    }

    public static GatewayProblem problem(List<FieldProblem> errors) {
        String detail = errors.size() == 1
                ? "Field '%s' %s.".formatted(errors.getFirst().field(), errors.getFirst().message())
                : errors.size() + " fields are invalid: " + errors.stream()
                        .map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")) + ".";
        return new GatewayProblem(ProblemType.INVALID_REQUEST, detail, errors);
    }

    /** For items validated programmatically (batch entries): same field names as {@code @Valid} produces. */
    public static <T> List<FieldProblem> fieldProblems(Set<ConstraintViolation<T>> violations) {
        return violations.stream()
                .map(violation -> new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message)).toList();
    }

    static FieldProblem fieldProblem(ObjectError error) {
        return fieldProblem(error, error.getObjectName());
    }

    /** A binding or method-validation error: its field when it names one, else {@code fallbackName}. */
    static FieldProblem fieldProblem(MessageSourceResolvable error, @Nullable String fallbackName) {
        String field = error instanceof FieldError fieldError ? fieldError.getField() : fallbackName;
        return new FieldProblem(field, String.valueOf(error.getDefaultMessage()));
    }
}
