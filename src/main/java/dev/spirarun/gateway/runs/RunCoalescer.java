package dev.spirarun.gateway.runs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.spirarun.gateway.spira.SpiraProperties;

/**
 * Turns concurrent single-run requests of one {@link RunGroup} into one shell call and one save — group commit.
 * A request for an idle group (nothing in flight) is sent at once, so a lone caller is never delayed. While a
 * batch of the group is in flight, new requests gather: for {@code window} when a second batch may start (two in
 * flight let one fetch its shell while the other is saved), else until one finishes and then for one more
 * {@code window} — or the batch is full, or has waited {@code maxDelay}. Each caller still gets its own
 * {@link Recorded}.
 * <p>
 * The extra window after a finish is what keeps batches large: callers that record run after run (a CI loop, a
 * harness) come straight back once answered, and without it the batch that was waiting would leave just before
 * they arrive. Measured with 64 such callers, it turned cohorts of 1, 9 and 54 runs into two of about 32 and
 * the save lock's idle gaps into a steady queue (see the README's Performance section).
 */
@Component
class RunCoalescer implements DisposableBean {

    private final RunRecorder recorder;
    private final CoalescingProperties properties;
    private final int maxRuns;
    private final Map<RunGroup, GroupState> groups = new HashMap<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("run-coalescer").daemon().factory());

    @Autowired
    RunCoalescer(RunRecorder recorder, CoalescingProperties properties, SpiraProperties spira) {
        this(recorder, properties, spira.maxRunsPerPut());
    }

    RunCoalescer(RunRecorder recorder, CoalescingProperties properties, int maxRunsPerPut) {
        this.recorder = recorder;
        this.properties = properties;
        this.maxRuns = properties.maxRuns() > 0 ? Math.min(properties.maxRuns(), maxRunsPerPut) : maxRunsPerPut;
    }

    /** Records one run, possibly together with others of its group. */
    Recorded record(RunRequest request) {
        RunGroup group = RunGroup.of(request);
        if (!properties.enabled()) {
            return recorder.record(group, List.of(request)).getFirst();
        }
        CompletableFuture<Recorded> result = new CompletableFuture<>();
        Batch ready;
        synchronized (groups) {
            GroupState state = groups.computeIfAbsent(group, g -> new GroupState());
            boolean fresh = state.open == null;
            if (fresh) {
                state.open = new Batch(group);
            }
            Batch batch = state.open;
            batch.add(request, result);
            // Only a lone request goes at once; one that finds a batch waiting joins it, even in an idle group
            // (that batch is in its window after a finish).
            ready = batch.size() >= maxRuns || (fresh && state.inFlight == 0) ? take(state) : null;
            if (ready == null && fresh) {
                boolean slotFree = state.inFlight < properties.maxInFlight();
                long delay = (slotFree ? properties.window() : properties.maxDelay()).toNanos();
                timer.schedule(() -> expire(batch), delay, TimeUnit.NANOSECONDS);
            }
        }
        if (ready != null) {
            // The caller that closed the batch records it on its own thread: no hand-off for a lone request.
            recordAll(ready);
        }
        try {
            return result.join();
        } catch (CompletionException failure) {
            throw failure.getCause() instanceof RuntimeException runtime ? runtime : failure;
        }
    }

    /** Called with the lock held: the group's open batch, now in flight. */
    private static Batch take(GroupState state) {
        Batch batch = state.open;
        state.open = null;
        state.inFlight++;
        return batch;
    }

    private void expire(Batch batch) {
        Batch ready = null;
        synchronized (groups) {
            GroupState state = groups.get(batch.group);
            if (state != null && state.open == batch) {
                ready = take(state);
            }
        }
        if (ready != null) {
            send(ready);
        }
    }

    private void send(Batch batch) {
        workers.execute(() -> recordAll(batch));
    }

    private void recordAll(Batch batch) {
        try {
            List<Recorded> results = recorder.record(batch.group, batch.requests);
            for (int i = 0; i < results.size(); i++) {
                batch.callers.get(i).complete(results.get(i));
            }
        } catch (RuntimeException | Error failure) {
            batch.callers.forEach(caller -> caller.completeExceptionally(failure));
        } finally {
            finished(batch.group);
        }
    }

    /** A batch of the group is done: the one that gathered meanwhile goes after one more window (see above). */
    private void finished(RunGroup group) {
        synchronized (groups) {
            GroupState state = groups.get(group);
            state.inFlight--;
            if (state.open != null && state.inFlight < properties.maxInFlight()) {
                Batch next = state.open;
                timer.schedule(() -> expire(next), properties.window().toNanos(), TimeUnit.NANOSECONDS);
            } else if (state.open == null && state.inFlight == 0) {
                groups.remove(group);
            }
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        workers.close();
    }

    private static final class GroupState {
        @Nullable Batch open;
        int inFlight;
    }

    private static final class Batch {
        final RunGroup group;
        final List<RunRequest> requests = new ArrayList<>();
        final List<CompletableFuture<Recorded>> callers = new ArrayList<>();

        Batch(RunGroup group) {
            this.group = group;
        }

        void add(RunRequest request, CompletableFuture<Recorded> caller) {
            requests.add(request);
            callers.add(caller);
        }

        int size() {
            return requests.size();
        }
    }
}
