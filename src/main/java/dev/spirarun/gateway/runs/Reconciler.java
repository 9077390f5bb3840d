package dev.spirarun.gateway.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.spirarun.gateway.spira.SpiraClient;
import dev.spirarun.gateway.spira.SpiraDates;
import dev.spirarun.gateway.spira.SpiraTestRun;
import dev.spirarun.gateway.spira.SpiraTestRunStep;

/**
 * Finds out whether a save whose answer was lost did happen: Spira's save always inserts, so the only safe
 * way to retry is to look first. A run is ours when the test case, start and end (to the millisecond), tester,
 * release, test set and every step's outcome agree.
 */
@Component
class Reconciler {

    private static final int PAGE = 50;
    private static final int MAX_ROWS = 500;

    private final SpiraClient spira;

    Reconciler(SpiraClient spira) {
        this.spira = spira;
    }

    /**
     * One reconciliation of one save: what Spira answered is kept, so that runs of the same test case share their
     * search pages and candidate reads instead of asking Spira again for each run.
     */
    Session session(long projectId) {
        return new Session(projectId);
    }

    final class Session {

        private record Page(long testCaseId, int startingRow) {
        }

        private final long projectId;
        private final Set<Long> claimed = new HashSet<>();
        private final Map<Page, List<SpiraTestRun>> pages = new HashMap<>();
        private final Map<Long, Optional<SpiraTestRun>> reads = new HashMap<>();

        private Session(long projectId) {
            this.projectId = projectId;
        }

        /** The stored run that matches {@code sent} and is not already the match of another run of the save. */
        Optional<SpiraTestRun> find(SpiraTestRun sent) {
            Instant start = SpiraDates.parse(sent.startDate());
            Instant end = SpiraDates.parse(sent.endDate());
            for (int row = 1; row <= MAX_ROWS; row += PAGE) {
                List<SpiraTestRun> page = pages.computeIfAbsent(new Page(sent.testCaseId(), row),
                        key -> spira.recentRuns(projectId, key.testCaseId(), key.startingRow(), PAGE));
                for (SpiraTestRun candidate : page) {
                    if (candidate.testRunId() != null && !claimed.contains(candidate.testRunId())
                            && sameHeader(candidate, sent, start, end)) {
                        Optional<SpiraTestRun> stored = reads.computeIfAbsent(candidate.testRunId(),
                                id -> spira.readRun(projectId, id)).filter(full -> sameSteps(full.steps(), sent.steps()));
                        if (stored.isPresent()) {
                            stored.map(SpiraTestRun::testRunId).ifPresent(claimed::add);
                            return stored;
                        }
                    }
                }
                // Sorted newest end first: once a page ends before our end date, older pages cannot hold it.
                Instant oldest = page.isEmpty() ? null : SpiraDates.parse(page.getLast().endDate());
                if (page.size() < PAGE || oldest == null || end == null || oldest.isBefore(end)) {
                    break;
                }
            }
            return Optional.empty();
        }
    }

    private static boolean sameHeader(SpiraTestRun candidate, SpiraTestRun sent, Instant start, Instant end) {
        return candidate.testCaseId() == sent.testCaseId()
                && close(SpiraDates.parse(candidate.startDate()), start)
                && close(SpiraDates.parse(candidate.endDate()), end)
                && (sent.testerId() == null || Objects.equals(candidate.testerId(), sent.testerId()))
                && Objects.equals(candidate.releaseId(), sent.releaseId())
                && Objects.equals(candidate.testSetId(), sent.testSetId());
    }

    /**
     * Equal to the millisecond, give or take SQL Server's {@code DATETIME} rounding (to 1/300 s), in case an
     * installation stores dates that way.
     */
    private static boolean close(Instant stored, Instant sent) {
        return stored != null && sent != null && Math.abs(Duration.between(stored, sent).toMillis()) <= 3;
    }

    private static boolean sameSteps(List<SpiraTestRunStep> stored, List<SpiraTestRunStep> sent) {
        if (stored.size() != sent.size()) {
            return false;
        }
        stored = stored.stream().sorted(Comparator.comparingInt(SpiraTestRunStep::position)).toList();
        for (int i = 0; i < sent.size(); i++) {
            if (stored.get(i).executionStatusId() != sent.get(i).executionStatusId()
                    || !Objects.equals(stored.get(i).testStepId(), sent.get(i).testStepId())) {
                return false;
            }
        }
        return true;
    }
}
