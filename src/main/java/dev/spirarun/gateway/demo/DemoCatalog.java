package dev.spirarun.gateway.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the stand-in's Spira holds: project 24 with a three-step test case (290), one with linked steps (283,
 * which links 284), one without steps (304), one not executable (305), and test set 10 of release 156.
 */
final class DemoCatalog {

    static final long PROJECT = 24;
    static final long API_USER = 7;

    record Step(long testStepId, long testCaseId, String description, String expectedResult, @Nullable String sampleData) {
    }

    record TestCase(long id, String name, boolean executable, @Nullable List<Step> steps) {
    }

    record Entry(long testSetTestCaseId, long testCaseId, long owner) {
    }

    record TestSet(long id, long releaseId, List<Entry> entries) {
    }

    static final Map<Long, TestCase> TEST_CASES = Map.of(
            290L, new TestCase(290, "Sample Test Case", true, List.of(
                    new Step(314, 290, "Open the login page", "Page shows", null),
                    new Step(315, 290, "Enter credentials", "Accepted", "user/pass"),
                    new Step(316, 290, "Submit", "Works as expected.", null))),
            283L, new TestCase(283, "Checkout with linked setup", true, List.of(
                    new Step(3002, 283, "Checkout with linked setup: step 1", "Step 1 works", "sample-1"),
                    new Step(3000, 284, "Linked: common setup: step 1", "Step 1 works", "sample-1"),
                    new Step(3001, 284, "Linked: common setup: step 2", "Step 2 works", null))),
            284L, new TestCase(284, "Linked: common setup", true, List.of(
                    new Step(3000, 284, "Linked: common setup: step 1", "Step 1 works", "sample-1"),
                    new Step(3001, 284, "Linked: common setup: step 2", "Step 2 works", null))),
            304L, new TestCase(304, "Exploratory session (no steps)", true, null),
            305L, new TestCase(305, "Draft: not yet executable", false, List.of(
                    new Step(3050, 305, "Draft step", "Draft", null))));

    /** A test case of another project: Spira fails a whole shell call that names it. */
    static final long OTHER_PROJECT_TEST_CASE = 9001;

    static final Map<Long, TestSet> TEST_SETS = Map.of(10L, new TestSet(10, 156, List.of(
            new Entry(1001, 290, 2), new Entry(1002, 283, API_USER))));

    static final Set<Long> RELEASES = Set.of(155L, 156L);
    static final Set<Long> USERS = Set.of(2L, API_USER, 8L);
    static final Set<Long> BUILDS = Set.of(11L, 12L);

    private DemoCatalog() {
    }
}
