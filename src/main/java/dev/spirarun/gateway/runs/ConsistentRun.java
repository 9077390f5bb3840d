package dev.spirarun.gateway.runs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The rules that span fields of a {@link RunRequest}; each failure names the field it belongs to, so a caller
 * gets every error at once alongside the single-field ones.
 */
@Documented
@Constraint(validatedBy = ConsistentRun.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ConsistentRun {

    String message() default "run is inconsistent";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Created by Spring's constraint validator factory, which injects the settings. */
    class Validator implements ConstraintValidator<ConsistentRun, RunRequest> {

        private final Duration maxClockSkew;

        Validator(RunsProperties properties) {
            this.maxClockSkew = properties.maxClockSkew();
        }

        @Override
        public boolean isValid(RunRequest run, ConstraintValidatorContext context) {
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            OffsetDateTime latest = OffsetDateTime.now(context.getClockProvider().getClock()).plus(maxClockSkew);
            if (run.startedAt() != null && run.startedAt().isAfter(latest)) {
                valid = fail(context, "startedAt", "must not be in the future (more than " + maxClockSkew.toSeconds()
                        + " s ahead of the gateway's clock)");
            }
            if (run.endedAt() != null && run.endedAt().isAfter(latest)) {
                valid = fail(context, "endedAt", "must not be in the future (more than " + maxClockSkew.toSeconds()
                        + " s ahead of the gateway's clock)");
            }
            if (run.startedAt() != null && run.endedAt() != null && run.endedAt().isBefore(run.startedAt())) {
                valid = fail(context, "endedAt", "must not be before startedAt");
            }
            if (run.status() == null && run.stepList().isEmpty()) {
                valid = fail(context, "status", "is required when no steps are given (give status, steps, or both)");
            }
            long identifying = run.stepList().stream().filter(step -> step != null && step.identifiesStep()).count();
            if (identifying > 0 && identifying < run.stepList().size()) {
                valid = fail(context, "steps", "either every entry names its step (position or testStepId) or none "
                        + "does, and then the entries apply to the steps in order");
            }
            return valid;
        }

        private static boolean fail(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                    .addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
