package dev.spirarun.gateway.spira;

/** The Spira calls the gateway makes; only saves change anything in Spira. */
public enum SpiraOperation {
    SHELL("create run shells"),
    TEST_SET_SHELL("create test set run shells"),
    SAVE("save runs"),
    READ("read a run"),
    SEARCH("search recent runs");

    private final String description;

    SpiraOperation(String description) {
        this.description = description;
    }

    /** Safe calls change nothing in Spira, so repeating them is harmless. */
    public boolean safe() {
        return this != SAVE;
    }

    @Override
    public String toString() {
        return description;
    }
}
