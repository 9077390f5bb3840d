package dev.spirarun.gateway.system;

/** A required setting is not configured; {@link MissingSettingFailureAnalyzer} turns it into a one-line message. */
public class MissingSetting extends RuntimeException {

    private final String variable;

    public MissingSetting(String variable, String meaning) {
        super("%s is not set: set it to %s, or start with the demo profile (SPRING_PROFILES_ACTIVE=demo) to use the built-in Spira stand-in."
                .formatted(variable, meaning));
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
