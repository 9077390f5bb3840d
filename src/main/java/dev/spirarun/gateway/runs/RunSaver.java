package dev.spirarun.gateway.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.spirarun.gateway.spira.SpiraCallFailed;
import dev.spirarun.gateway.spira.SpiraClient;
import dev.spirarun.gateway.spira.SpiraProperties;
import dev.spirarun.gateway.spira.SpiraTestRun;
import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;

/**
 * Saves merged runs of one (project, release, test set) and answers each on its own. Spira's save
 * always inserts and is (inferred) all-or-nothing, so: a rejection Spira is known to make before storing anything is
 * split until each bad run stands alone; any other failure — and, in a save of several, an error raised while
 * inserting — is reconciled against what Spira stored first, and only runs that are missing are split or sent
 * again, once.
 */
@Component
class RunSaver {

    private static final Logger log = LoggerFactory.getLogger(RunSaver.class);

    private final SpiraClient spira;
    private final Reconciler reconciler;
    private final SpiraProperties properties;

    RunSaver(SpiraClient spira, Reconciler reconciler, SpiraProperties properties) {
        this.spira = spira;
        this.reconciler = reconciler;
        this.properties = properties;
    }

    void save(long projectId, List<Pending> pending, Recorded[] results) {
        int size = properties.maxRunsPerPut();
        for (int from = 0; from < pending.size(); from += size) {
            save(projectId, pending.subList(from, Math.min(pending.size(), from + size)), results, null);
        }
    }

    /** @param earlier the failure of an earlier send of these runs, whose outcome was unknown; null on the first */
    private void save(long projectId, List<Pending> chunk, Recorded[] results, @Nullable SpiraCallFailed earlier) {
        List<SpiraTestRun> saved;
        try {
            saved = spira.save(projectId, chunk.stream().map(Pending::run).toList());
        } catch (SpiraCallFailed failure) {
            if (failure.turnedAway() || failure.kind() == SpiraCallFailed.Kind.NOT_SENT) {
                fail(chunk, results, earlier == null ? failure.asProblem() : unknown(earlier, "Sending it once more "
                        + "failed before Spira took it (" + failure.getMessage() + "), and no run was found before."));
            } else if (failure.cleanRejection() && (chunk.size() == 1 || failure.beforeAnyInsert())) {
                rejected(projectId, chunk, failure, results, earlier);
            } else if (failure.rejected() && !failure.deadlocked()) {
                // A 4xx that may follow stored runs — an insert-time error in a save of several (all-or-nothing is
                // only inferred), or one Spira is not known to answer before storing: look first; what is missing
                // was rejected, and is split from there.
                reconcile(projectId, chunk, failure, results, missing -> rejected(projectId, missing, failure, results, earlier));
            } else {
                reconcile(projectId, chunk, failure, results, missing -> resendOnce(projectId, missing, failure, results, earlier));
            }
            return;
        } catch (GatewayProblem notSent) {
            fail(chunk, results, earlier == null ? notSent : unknown(earlier, "Sending it once more was refused by the "
                    + "gateway (" + notSent.detail() + "), and no run was found before."));
            return;
        }
        accept(projectId, chunk, saved, results);
    }

    /** Spira saved nothing; halve until the run it objects to is alone, so every good run is still saved. */
    private void rejected(long projectId, List<Pending> chunk, SpiraCallFailed failure, Recorded[] results,
            @Nullable SpiraCallFailed earlier) {
        if (chunk.size() == 1 || sharedForeignKey(failure, chunk)) {
            // Runs of one group that also share build and tester (and, when several, were looked for in Spira
            // first): a foreign key failure is most likely every run's, and splitting would only cost Spira 2n - 1
            // saves to learn it.
            fail(chunk, results, new GatewayProblem(ProblemType.REJECTED_BY_SPIRA, ("Spira refused to save the run: %s. "
                    + "Spira checks the release, test set, build and tester IDs only when saving; check those. Nothing "
                    + "was saved.").formatted(message(failure)), List.of(), null, Boolean.TRUE));
            return;
        }
        log.info("Spira rejected a save of {} runs into project {}; splitting to find the run it objects to",
                chunk.size(), projectId);
        int half = chunk.size() / 2;
        save(projectId, chunk.subList(0, half), results, earlier);
        save(projectId, chunk.subList(half, chunk.size()), results, earlier);
    }

    private void resendOnce(long projectId, List<Pending> missing, SpiraCallFailed failure, Recorded[] results,
            @Nullable SpiraCallFailed earlier) {
        if (earlier == null) {
            log.info("Reconciled: {} runs in project {} were not saved; sending them once more", missing.size(), projectId);
            save(projectId, missing, results, failure);
        } else {
            fail(missing, results, unknown(failure, "The gateway already sent it twice and found no such run in Spira "
                    + "afterwards, but Spira may still be committing it."));
        }
    }

    /** Finds what Spira stored of {@code chunk}; the runs it did not store go to {@code missingRuns}. */
    private void reconcile(long projectId, List<Pending> chunk, SpiraCallFailed failure, Recorded[] results,
            Consumer<List<Pending>> missingRuns) {
        log.info("Save of {} runs into project {} (test cases {}) ended unknown ({}); reconciling", chunk.size(),
                projectId, chunk.stream().map(p -> p.run().testCaseId()).toList(), failure.kind());
        settle(failure);
        Reconciler.Session session = reconciler.session(projectId);
        List<Pending> missing = new ArrayList<>();
        for (Pending item : chunk) {
            Optional<SpiraTestRun> found;
            try {
                found = session.find(item.run());
            } catch (RuntimeException searchFailed) {
                log.info("Reconciling test case {} in project {} failed: {}", item.run().testCaseId(), projectId,
                        searchFailed.getMessage());
                results[item.index()] = new Recorded.Failed(unknown(failure, "The gateway could not check Spira "
                        + "afterwards either, so it does not know whether the run exists."));
                continue;
            }
            if (found.isPresent()) {
                log.info("Reconciled: test case {} in project {} was saved as run {}", item.run().testCaseId(),
                        projectId, found.get().testRunId());
                results[item.index()] = saved(projectId, item, found.get());
            } else {
                missing.add(item);
            }
        }
        if (!missing.isEmpty()) {
            missingRuns.accept(missing);
        }
    }

    /**
     * Spira's web server may finish a request for a while after the gateway stopped waiting, after the connection
     * broke, or after a proxy in front of it gave up (502, 504): look only after, or the search misses a run that
     * is still being committed and the run is sent twice.
     */
    private void settle(SpiraCallFailed failure) {
        boolean mayStillRun = failure.kind() == SpiraCallFailed.Kind.TIMED_OUT
                || failure.kind() == SpiraCallFailed.Kind.CONNECTION_LOST || failure.answered(502) || failure.answered(504);
        if (mayStillRun && !properties.saveSettleTime().isZero()) {
            try {
                Thread.sleep(properties.saveSettleTime());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void accept(long projectId, List<Pending> chunk, List<SpiraTestRun> saved, Recorded[] results) {
        for (int i = 0; i < chunk.size(); i++) {
            Pending item = chunk.get(i);
            if (i >= saved.size() || saved.get(i).testCaseId() != item.run().testCaseId()) {
                results[item.index()] = new Recorded.Failed(new GatewayProblem(ProblemType.SPIRA_ERROR,
                        "Spira answered the save without this run, so the gateway cannot tell its ID. A run may "
                                + "exist: check the test case's runs in Spira before retrying.",
                        List.of(), null, Boolean.FALSE));
            } else {
                results[item.index()] = saved(projectId, item, saved.get(i));
            }
        }
    }

    private Recorded saved(long projectId, Pending item, SpiraTestRun stored) {
        Integer status = stored.executionStatusId();
        if (status != null && status == Outcome.NOT_RUN.spiraId() && item.run().steps().isEmpty()) {
            // Only inferred: that Spira keeps a step-less run as N/A. Where it does not, no request can record one.
            return new Recorded.Failed(new GatewayProblem(ProblemType.NO_STEPS, ("Spira derived Not Run for the run of "
                    + "test case %d, which has no steps, and deleted it (ID %s points at nothing): this Spira keeps no "
                    + "manual run of a test case without steps. Add a step to the test case in Spira, then record the run.")
                    .formatted(stored.testCaseId(), stored.testRunId()), List.of(), null, Boolean.TRUE));
        }
        if (status != null && status == Outcome.NOT_RUN.spiraId()) {
            return new Recorded.Failed(new GatewayProblem(ProblemType.SPIRA_ERROR, ("Spira derived Not Run for the "
                    + "run and deleted it (ID %s points at nothing). Give the steps real outcomes.")
                    .formatted(stored.testRunId()), List.of(), null, Boolean.TRUE));
        }
        if (status != null && status != item.derived().spiraId()) {
            log.warn("Spira derived status {} for run {} where the gateway expected {}", status, stored.testRunId(),
                    item.derived().spiraId());
        }
        long id = stored.testRunId() == null ? 0 : stored.testRunId();
        return new Recorded.Saved(RunView.of(stored, properties.runPage(projectId, id)));
    }

    private static boolean sharedForeignKey(SpiraCallFailed failure, List<Pending> chunk) {
        return failure.error() != null && failure.error().mentions("foreign key") && sameIds(chunk);
    }

    private static boolean sameIds(List<Pending> chunk) {
        SpiraTestRun first = chunk.getFirst().run();
        return chunk.stream().map(Pending::run).allMatch(run -> Objects.equals(run.buildId(), first.buildId())
                && Objects.equals(run.testerId(), first.testerId()));
    }

    private static void fail(List<Pending> items, Recorded[] results, GatewayProblem problem) {
        items.forEach(item -> results[item.index()] = new Recorded.Failed(problem));
    }

    private static GatewayProblem unknown(SpiraCallFailed failure, String afterwards) {
        boolean timedOut = failure.kind() == SpiraCallFailed.Kind.TIMED_OUT;
        String what = switch (failure.kind()) {
            case TIMED_OUT -> "Spira did not answer the save in time.";
            case CONNECTION_LOST -> "The connection to Spira broke during the save.";
            default -> "Spira failed during the save (" + message(failure) + ").";
        };
        return new GatewayProblem(timedOut ? ProblemType.SPIRA_TIMEOUT : ProblemType.SAVE_OUTCOME_UNKNOWN,
                what + " " + afterwards + " A retry is NOT safe: check the test case's runs in Spira first.",
                List.of(), null, Boolean.FALSE);
    }

    private static String message(SpiraCallFailed failure) {
        return failure.error() == null ? failure.getMessage() : failure.error().describe();
    }
}
