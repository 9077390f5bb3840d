package dev.spirarun.gateway.system;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Turns a Jackson failure into a 400 problem that names the field and what is allowed — without echoing
 * Jackson's own message, which mentions Java class names.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static GatewayProblem of(@Nullable Throwable failure) {
        JacksonException jackson = find(failure);
        if (jackson == null) {
            return malformed("The request body is missing or is not JSON.", List.of());
        }
        if (jackson instanceof StreamReadException) {
            return malformed("The request body is not valid JSON (line %d, column %d)."
                    .formatted(jackson.getLocation().getLineNr(), jackson.getLocation().getColumnNr()), List.of());
        }
        String field = path(jackson);
        String message = switch (jackson) {
            case PropertyBindingException unknown -> "unknown field '%s'; allowed fields: %s".formatted(
                    unknown.getPropertyName(), unknown.getKnownPropertyIds() == null ? "see the API description"
                            : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                                    .collect(Collectors.joining(", ")));
            case InvalidFormatException invalid when invalid.getTargetType() != null && invalid.getTargetType().isEnum() ->
                "'%s' is not allowed; use one of %s".formatted(invalid.getValue(),
                        Arrays.stream(invalid.getTargetType().getEnumConstants()).map(String::valueOf)
                                .collect(Collectors.joining(", ")));
            case InvalidFormatException invalid -> "'%s' is not %s".formatted(invalid.getValue(),
                    describe(invalid.getTargetType()));
            case MismatchedInputException mismatch -> "expected %s".formatted(describe(mismatch.getTargetType()));
            default -> "cannot be read: " + rootMessage(jackson);
        };
        if (field.isEmpty()) {
            return malformed("The request body cannot be read: " + message + ".", List.of());
        }
        return malformed("Field '%s' cannot be read: %s.".formatted(field, message), List.of(new FieldProblem(field, message)));
    }

    private static GatewayProblem malformed(String detail, List<FieldProblem> errors) {
        return new GatewayProblem(ProblemType.MALFORMED_REQUEST, detail, errors);
    }

    private static @Nullable JacksonException find(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    private static String path(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            }
        }
        return path.toString();
    }

    private static String describe(@Nullable Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        return switch (type.getSimpleName()) {
            case "Long", "long", "Integer", "int" -> "a whole number";
            case "String" -> "a string";
            case "OffsetDateTime", "Instant" -> "an RFC 3339 date-time with an offset or Z, e.g. 2026-11-30T10:00:00.000+02:00";
            case "List" -> "an array";
            case "Boolean", "boolean" -> "true or false";
            default -> type.isEnum() ? "one of " + Arrays.toString(type.getEnumConstants()) : "a JSON object";
        };
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JacksonException j ? j.getOriginalMessage() : root.getMessage();
        return message == null ? "invalid value" : message.lines().findFirst().orElse("invalid value");
    }
}
