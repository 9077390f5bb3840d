/**
 * {@code Idempotency-Key} on {@code POST /runs} and {@code POST /runs/batch}: the first response for a key is
 * stored (PostgreSQL when a datasource is configured, an embedded H2 file otherwise) and replayed for repeats.
 */
@NullMarked
package dev.spirarun.gateway.idempotency;

import org.jspecify.annotations.NullMarked;
