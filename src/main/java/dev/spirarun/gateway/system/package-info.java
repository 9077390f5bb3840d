/** Cross-cutting: the problem catalogue and advice, OpenAPI description, start-up checks. */
@NullMarked
package dev.spirarun.gateway.system;

import org.jspecify.annotations.NullMarked;
