package dev.spirarun.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Spira answers kept as files next to the tests, shaped exactly like Spira's. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String spira(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/runs/spira/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
