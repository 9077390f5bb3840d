package dev.spirarun.gateway.spira;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.spirarun.gateway.support.Fixtures;

/** Spira's four error shapes, read defensively and reduced to a message safe to show. */
class SpiraErrorTest {

    @Test
    void emptyBody() {
        SpiraError error = SpiraError.parse(401, null, "", null);
        assertThat(error.shape()).isEqualTo(SpiraError.Shape.EMPTY);
        assertThat(error.message()).isEmpty();
    }

    @Test
    void jsonStringLiteral() {
        SpiraError error = SpiraError.parse(401, "application/json", Fixtures.spira("error-401-not-member.json"), null);
        assertThat(error.shape()).isEqualTo(SpiraError.Shape.JSON_STRING);
        assertThat(error.message()).startsWith("You are not a member of product '99'");
    }

    @Test
    void validationObject() {
        SpiraError error = SpiraError.parse(400, "application/json", Fixtures.spira("error-400-validation.json"), null);
        assertThat(error.shape()).isEqualTo(SpiraError.Shape.VALIDATION);
        assertThat(error.message()).isEqualTo("Validation failed (Custom_01: Custom property Browser is required)");
    }

    @Test
    void htmlRequestErrorKeepsTheExceptionMessageAndDropsTheStackTrace() {
        SpiraError error = SpiraError.parse(400, "text/html", Fixtures.spira("error-400-request-error.html"), null);
        assertThat(error.shape()).isEqualTo(SpiraError.Shape.HTML);
        assertThat(error.message()).isEqualTo("Database foreign key violation occurred");
    }

    @Test
    void htmlWithoutTheUsualSentenceIsStrippedOfMarkupAndTrace() {
        SpiraError error = SpiraError.parse(500, null,
                "<html><body><h1>Server Error</h1><p>Boom. The exception stack trace is: at X.Y()</p></body></html>", null);
        assertThat(error.message()).isEqualTo("Server Error Boom. The exception");
        assertThat(error.message()).doesNotContain("<").doesNotContain("X.Y");
    }

    @Test
    void deadlockIsRecognised() {
        SpiraError error = SpiraError.parse(400, "text/html", Fixtures.spira("error-400-deadlock.html"), null);
        assertThat(new SpiraCallFailed(SpiraOperation.SAVE, SpiraCallFailed.Kind.ANSWERED, error, null).deadlocked()).isTrue();
    }
}
