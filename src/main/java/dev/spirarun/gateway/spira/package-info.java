/** Spira's REST API: the one client, its settings, Spira's wire shapes and how Spira reports errors. */
@NullMarked
package dev.spirarun.gateway.spira;

import org.jspecify.annotations.NullMarked;
