package dev.spirarun.gateway.runs;

import java.util.List;

import org.springframework.stereotype.Service;

/** Records one run: the single-run face of {@link RunRecorder}. */
@Service
class RunService {

    private final RunRecorder recorder;

    RunService(RunRecorder recorder) {
        this.recorder = recorder;
    }

    RunView record(RunRequest request) {
        return switch (recorder.record(RunGroup.of(request), List.of(request)).getFirst()) {
            case Recorded.Saved saved -> saved.run();
            case Recorded.Failed failed -> throw failed.problem();
        };
    }
}
