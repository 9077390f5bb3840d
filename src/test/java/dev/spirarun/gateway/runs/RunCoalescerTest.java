package dev.spirarun.gateway.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.spirarun.gateway.system.GatewayProblem;
import dev.spirarun.gateway.system.ProblemType;
import tools.jackson.databind.json.JsonMapper;

/** How the coalescer forms batches, against a recorder that only notes what it was given. */
class RunCoalescerTest {

    static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    /** Holds the first batch until released; answers every run with a problem naming its batch. */
    static class NotingRecorder extends RunRecorder {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);

        NotingRecorder() {
            super(null, null);
        }

        @Override
        public List<Recorded> record(RunGroup group, List<RunRequest> requests) {
            int number;
            synchronized (batches) {
                batches.add(requests.stream().map(request -> request.startedAt().getMinute()).toList());
                number = batches.size();
            }
            if (number == 1) {
                firstEntered.countDown();
                await(releaseFirst);
            }
            Recorded answer = new Recorded.Failed(new GatewayProblem(ProblemType.SPIRA_UNAVAILABLE,
                    "batch " + number));
            return requests.stream().map(request -> answer).toList();
        }
    }

    final NotingRecorder recorder = new NotingRecorder();
    final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    RunCoalescer coalescer;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        coalescer.destroy();
    }

    static RunRequest run(int minute) {
        return JSON.readValue("""
                { "projectId": 24, "testCaseId": 290, "releaseId": 155, "status": "PASSED",
                  "startedAt": "2026-11-30T09:%02d:00Z", "endedAt": "2026-11-30T09:%02d:30Z" }"""
                .formatted(minute, minute), RunRequest.class);
    }

    void start(Duration window, int maxInFlight, Duration maxDelay, int maxRuns) {
        coalescer = new RunCoalescer(recorder, new CoalescingProperties(true, window, maxInFlight, maxDelay, maxRuns), 100);
    }

    /** The batch that answered the caller, as the recorder numbered it. */
    static String batchOf(Future<Recorded> answer) throws Exception {
        return ((Recorded.Failed) answer.get(10, TimeUnit.SECONDS)).problem().detail();
    }

    Future<Recorded> submit(int minute) {
        return callers.submit(() -> coalescer.record(run(minute)));
    }

    static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException interrupted) {
            throw new AssertionError(interrupted);
        }
    }

    @Test
    void aLoneRequestIsRecordedAtOnceOnItsOwn() throws Exception {
        start(Duration.ofSeconds(5), 1, Duration.ofSeconds(10), 0);
        recorder.releaseFirst.countDown();
        long started = System.nanoTime();
        String batch = batchOf(submit(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(batch).isEqualTo("batch 1");
        assertThat(recorder.batches).containsExactly(List.of(1));
    }

    @Test
    void aCallerThatComesStraightBackJoinsTheBatchThatWaitedForItsGroup() throws Exception {
        start(Duration.ofMillis(500), 1, Duration.ofSeconds(10), 0);
        Future<Recorded> first = submit(1);
        await(recorder.firstEntered);
        Future<Recorded> second = submit(2);
        Future<Recorded> third = submit(3);
        Thread.sleep(200); // both now wait for the first batch, which holds the group's only slot

        recorder.releaseFirst.countDown();
        first.get(10, TimeUnit.SECONDS);
        // The caller answered by the first batch records its next run at once, as a CI loop does.
        Future<Recorded> fourth = submit(4);

        for (Future<Recorded> answer : List.of(second, third, fourth)) {
            assertThat(batchOf(answer)).isEqualTo("batch 2");
        }
        assertThat(recorder.batches).hasSize(2);
        assertThat(recorder.batches.get(1)).containsExactlyInAnyOrder(2, 3, 4);
    }

    @Test
    void aFullBatchGoesWithoutWaitingForTheBatchInFlight() throws Exception {
        start(Duration.ofSeconds(30), 1, Duration.ofSeconds(30), 2);
        Future<Recorded> first = submit(1);
        await(recorder.firstEntered);
        Future<Recorded> second = submit(2);
        Future<Recorded> third = submit(3);
        // The first batch still holds the group's only slot, and the window is 30 s: only being full sends these.
        assertThat(batchOf(second)).isEqualTo("batch 2");
        assertThat(batchOf(third)).isEqualTo("batch 2");
        assertThat(first).isNotDone();
        recorder.releaseFirst.countDown();
        assertThat(batchOf(first)).isEqualTo("batch 1");
        assertThat(recorder.batches).containsExactly(List.of(1), List.of(2, 3));
    }
}
