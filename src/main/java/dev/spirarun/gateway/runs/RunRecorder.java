package dev.spirarun.gateway.runs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import dev.spirarun.gateway.spira.SpiraCallFailed;
import dev.spirarun.gateway.spira.SpiraClient;
import dev.spirarun.gateway.spira.SpiraTestRun;
import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;

/**
 * Records runs of one {@link RunGroup}: one shell call for all of them, a merge per run, then saves.
 * A single {@code POST /runs} is a group of one.
 */
@Service
public class RunRecorder {

    private static final Pattern OTHER_PROJECT_CASE = Pattern.compile("Test Case (\\d+) doesn't exist",
            Pattern.CASE_INSENSITIVE);

    private final SpiraClient spira;
    private final RunSaver saver;

    RunRecorder(SpiraClient spira, RunSaver saver) {
        this.spira = spira;
        this.saver = saver;
    }

    /** One result per request, in request order; requests must be valid and all of {@code group}. */
    public List<Recorded> record(RunGroup group, List<RunRequest> requests) {
        Recorded[] results = new Recorded[requests.size()];
        List<SpiraTestRun> shells;
        try {
            shells = shells(group, requests, results);
        } catch (GatewayProblem problem) {
            for (int i = 0; i < results.length; i++) {
                results[i] = results[i] != null ? results[i] : new Recorded.Failed(problem);
            }
            return List.of(results);
        }
        // The first shell of each test case, looked up once per request (a batch may hold 500).
        Map<Long, SpiraTestRun> shellByCase = new HashMap<>();
        shells.forEach(shell -> shellByCase.putIfAbsent(shell.testCaseId(), shell));
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (results[i] != null) {
                continue;
            }
            RunRequest request = requests.get(i);
            SpiraTestRun shell = shellByCase.get(request.testCaseId());
            if (shell == null) {
                results[i] = new Recorded.Failed(missing(group, request.testCaseId()));
                continue;
            }
            try {
                RunMerge.Ready ready = RunMerge.merge(shell, request);
                pending.add(new Pending(i, ready.run(), ready.derived()));
            } catch (GatewayProblem problem) {
                results[i] = new Recorded.Failed(problem);
            }
        }
        saver.save(group.projectId(), pending, results);
        return List.of(results);
    }

    /**
     * Spira fails the whole shell call for a test case of another project; such a case is answered 404 on its
     * own and the call repeated without it, so one stray ID in a batch does not sink the rest.
     */
    private List<SpiraTestRun> shells(RunGroup group, List<RunRequest> requests, Recorded[] results) {
        if (group.testSetId() != null) {
            return testSetShells(group);
        }
        Set<Long> wanted = new LinkedHashSet<>();
        requests.forEach(request -> wanted.add(request.testCaseId()));
        while (true) {
            try {
                return spira.createShells(group.projectId(), group.releaseId(), List.copyOf(wanted));
            } catch (SpiraCallFailed failure) {
                if (!failure.rejected() || failure.error() == null || failure.deadlocked()) {
                    throw failure.asProblem();
                }
                Matcher other = OTHER_PROJECT_CASE.matcher(failure.error().message());
                if (failure.error().mentions("at least one test case")) {
                    return List.of();
                }
                if (!other.find() || !wanted.remove(Long.parseLong(other.group(1)))) {
                    throw shellRejected(group, failure);
                }
                long stray = Long.parseLong(other.group(1));
                for (int i = 0; i < requests.size(); i++) {
                    if (requests.get(i).testCaseId() == stray) {
                        results[i] = new Recorded.Failed(missing(group, stray));
                    }
                }
                if (wanted.isEmpty()) {
                    return List.of();
                }
            }
        }
    }

    private List<SpiraTestRun> testSetShells(RunGroup group) {
        try {
            return spira.createTestSetShells(group.projectId(), group.testSetId());
        } catch (SpiraCallFailed failure) {
            if (failure.rejected() && failure.error() != null && !failure.deadlocked()) {
                throw new GatewayProblem(ProblemType.TEST_SET_NOT_FOUND, ("Spira could not create runs for test set %d "
                        + "in project %d: it does not exist there, is automated, or has no executable entries (%s).")
                        .formatted(group.testSetId(), group.projectId(), failure.error().describe()));
            }
            throw failure.asProblem();
        }
    }

    private static GatewayProblem missing(RunGroup group, long testCaseId) {
        if (group.testSetId() != null) {
            return new GatewayProblem(ProblemType.NOT_IN_TEST_SET, ("Test case %d is not an executable entry of test "
                    + "set %d in project %d.").formatted(testCaseId, group.testSetId(), group.projectId()));
        }
        return new GatewayProblem(ProblemType.TEST_CASE_NOT_FOUND, ("Spira has no executable test case %d in project "
                + "%d: it is unknown, deleted, of another project, or not executable in its workflow status.")
                .formatted(testCaseId, group.projectId()));
    }

    private static GatewayProblem shellRejected(RunGroup group, SpiraCallFailed failure) {
        if (failure.answered(404)) {
            return new GatewayProblem(ProblemType.PROJECT_NOT_FOUND, "Spira has no project %d (%s)."
                    .formatted(group.projectId(), failure.error().describe()));
        }
        return new GatewayProblem(ProblemType.REJECTED_BY_SPIRA, ("Spira refused to prepare the run (%s); check "
                + "the project and release IDs. Nothing was saved.").formatted(failure.error().describe()),
                List.of(), null, Boolean.TRUE);
    }

}
