/** Our API: {@code POST /runs} and {@code GET /runs/{projectId}/{testRunId}}, the request and response shapes, the merge. */
@NullMarked
package dev.spirarun.gateway.runs;

import org.jspecify.annotations.NullMarked;
