package dev.spirarun.gateway.spira;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;

/**
 * Reads Spira's error answers that mean the same whatever the call: credential and membership trouble.
 * Spira has no 403: an unknown key, a missing membership and a missing permission all come as 401 (or as a
 * 400 HTML "Access is denied." page), told apart only by the body.
 */
final class SpiraFailures {

    private static final Pattern NOT_MEMBER = Pattern.compile("not a member of (?:product|project) '?(\\d+)",
            Pattern.CASE_INSENSITIVE);

    private SpiraFailures() {
    }

    static RuntimeException answered(SpiraOperation operation, SpiraError error) {
        Matcher notMember = NOT_MEMBER.matcher(error.message());
        if (error.status() == 401 && notMember.find()) {
            return new GatewayProblem(ProblemType.PROJECT_NOT_FOUND, ("Spira has no project %s, or the gateway's "
                    + "account (SPIRA_USERNAME) is not a member of it.").formatted(notMember.group(1)));
        }
        if (error.mentions("access is denied") || (error.status() == 401 && error.shape() != SpiraError.Shape.JSON_STRING)) {
            return new GatewayProblem(ProblemType.SPIRA_CREDENTIALS, ("Spira rejected the gateway's credentials when "
                    + "trying to %s. Check SPIRA_USERNAME and SPIRA_API_KEY (the RSS token, braces included). "
                    + "The gateway tried once and will not retry: a wrong key can lock the Spira account. Nothing was saved.")
                    .formatted(operation), java.util.List.of(), null, Boolean.TRUE);
        }
        if (error.status() == 401) {
            return new GatewayProblem(ProblemType.SPIRA_PERMISSION, ("The gateway's Spira account (SPIRA_USERNAME) may "
                    + "not %s in this project: '%s'. Give it that permission in Spira. Nothing was saved.")
                    .formatted(operation, error.message()), java.util.List.of(), null, Boolean.TRUE);
        }
        return new SpiraCallFailed(operation, SpiraCallFailed.Kind.ANSWERED, error, null);
    }
}
