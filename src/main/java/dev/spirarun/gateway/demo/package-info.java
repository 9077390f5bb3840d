/** A built-in Spira stand-in, active only with the {@code demo} profile, that behaves like Spira as far as the gateway uses it. */
@NullMarked
package dev.spirarun.gateway.demo;

import org.jspecify.annotations.NullMarked;
