package dev.spirarun.gateway.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Replaces Boot's binding report (which would print the rejected values) with what to set. */
class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<MissingSetting> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSetting cause) {
        return new FailureAnalysis(cause.getMessage(), "Set " + cause.variable() + " and start again.", cause);
    }
}
