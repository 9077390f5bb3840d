package dev.spirarun.gateway.runs;

import org.springframework.stereotype.Service;

/** Records one run, coalesced with concurrent runs of its group (see {@link RunCoalescer}). */
@Service
class RunService {

    private final RunCoalescer coalescer;

    RunService(RunCoalescer coalescer) {
        this.coalescer = coalescer;
    }

    RunView record(RunRequest request) {
        return switch (coalescer.record(request)) {
            case Recorded.Saved saved -> saved.run();
            case Recorded.Failed failed -> throw failed.problem();
        };
    }
}
