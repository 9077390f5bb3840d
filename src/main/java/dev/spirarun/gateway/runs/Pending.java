package dev.spirarun.gateway.runs;

import dev.spirarun.gateway.spira.SpiraTestRun;

/**
 * A merged run waiting to be saved.
 *
 * @param index where its request stands among those being recorded together
 * @param run what will be sent to Spira
 * @param derived the status Spira will derive
 */
record Pending(int index, SpiraTestRun run, Outcome derived) {
}
