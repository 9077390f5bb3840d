package dev.spirarun.gateway.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How expensive the stand-in pretends Spira is; zero by default, set by the benchmark.
 *
 * @param latency added to every call
 * @param saveBase the fixed cost of a save, serialised per project like Spira's summary refresh
 * @param savePerRun the added cost per run of a save, also serialised per project
 */
@ConfigurationProperties("demo.spira")
record DemoSpiraProperties(@DefaultValue("0ms") Duration latency, @DefaultValue("0ms") Duration saveBase,
        @DefaultValue("0ms") Duration savePerRun) {
}
