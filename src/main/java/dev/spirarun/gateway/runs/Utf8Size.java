package dev.spirarun.gateway.runs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A string of at most {@link #max()} bytes in UTF-8: limits are in bytes, and {@code @Size} counts characters. */
@Documented
@Constraint(validatedBy = Utf8Size.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@interface Utf8Size {

    int max();

    String message() default "must be at most {max} bytes of UTF-8";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Counts UTF-8 bytes without allocating for short strings. */
    class Validator implements ConstraintValidator<Utf8Size, String> {

        private int max;

        @Override
        public void initialize(Utf8Size annotation) {
            this.max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.length() * 3 <= max || value.getBytes(StandardCharsets.UTF_8).length <= max;
        }
    }
}
