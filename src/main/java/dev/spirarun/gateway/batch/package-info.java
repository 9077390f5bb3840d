/** {@code POST /runs/batch}: many runs in few Spira calls, every item answered on its own. */
@NullMarked
package dev.spirarun.gateway.batch;

import org.jspecify.annotations.NullMarked;
