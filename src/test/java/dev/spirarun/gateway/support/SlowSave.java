package dev.spirarun.gateway.support;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** Holds each save for a while and records how many were in flight at once. Use with {@code .withTransformers(NAME)}. */
public final class SlowSave implements ResponseTransformerV2 {

    public static final String NAME = "slow-save";
    public static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    public static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();
    public static volatile long holdMillis = 400;

    @Override
    public Response transform(Response response, ServeEvent event) {
        int now = IN_FLIGHT.incrementAndGet();
        MAX_IN_FLIGHT.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(holdMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            IN_FLIGHT.decrementAndGet();
        }
        return response;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
