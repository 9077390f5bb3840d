import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness for bench/run.sh (JDK single-file program, no dependencies). Every loop is bounded in count and
 * time and talks to 127.0.0.1 only.
 *
 *   java bench/Bench.java overhead   GATEWAY FAKE CONCURRENCY[,CONCURRENCY...] REQUESTS[,REQUESTS...]
 *   java bench/Bench.java throughput GATEWAY FAKE CLIENTS SECONDS
 *   java bench/Bench.java batch      GATEWAY FAKE SIZE
 *   java bench/Bench.java cpu        GATEWAY GATEWAY_PID FAKE_PID REQUESTS
 */
public class Bench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String REST = "/demo-spira/Services/v7_0/RestService.svc/projects/24/";
    /** Unique start instants, so that every run can be told apart (and duplicates counted) by the fake. */
    /** Rounds of alternating direct and gateway calls in the overhead measurement. */
    static final int ROUNDS = 20;
    static final AtomicLong CLOCK = new AtomicLong(Instant.now().minus(2, ChronoUnit.DAYS).toEpochMilli());

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "overhead" -> overhead(args[1], args[2], ints(args[3]), ints(args[4]));
            case "throughput" -> throughput(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "batch" -> batch(args[1], args[2], Integer.parseInt(args[3]));
            case "cpu" -> cpu(args[1], args[2], args[3], Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static String run() {
        Instant start = Instant.ofEpochMilli(CLOCK.addAndGet(7));
        return """
                {"projectId":24,"testCaseId":290,"releaseId":155,"status":"PASSED",\
                "steps":[{"position":2,"status":"FAILED","actualResult":"bench"}],\
                "startedAt":"%s","endedAt":"%s"}""".formatted(start, start.plusSeconds(61));
    }

    static HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("username", "demo").header("api-key", "{DEMO-0000-0000-0000-000000000000}")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** What a client without the gateway does: the shell call, then the PUT of the filled-in shell. */
    static int direct(String fake) throws Exception {
        String shell = send("POST", fake + REST + "test-runs/create?release_id=155", "[290]").body();
        Instant start = Instant.ofEpochMilli(CLOCK.addAndGet(7));
        String filled = shell.replace("\"ExecutionStatusId\":3", "\"ExecutionStatusId\":2")
                .replaceFirst("\"EndDate\":null", "\"EndDate\":\"" + start.plusSeconds(61) + "\"")
                .replaceFirst("\"StartDate\":\"[^\"]*\"", "\"StartDate\":\"" + start + "\"");
        return send("PUT", fake + REST + "test-runs", filled).statusCode();
    }

    static int viaGateway(String gateway) throws Exception {
        return send("POST", gateway + "/runs", run()).statusCode();
    }

    interface Call {
        int call() throws Exception;
    }

    /** Runs {@code total} calls at {@code concurrency}; answers the latencies in microseconds, sorted. */
    static List<Long> measure(int concurrency, int total, Call call, int expected) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger left = new AtomicInteger(total);
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            for (int c = 0; c < concurrency; c++) {
                pool.execute(() -> {
                    while (left.getAndDecrement() > 0) {
                        long t0 = System.nanoTime();
                        try {
                            if (call.call() != expected) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        latencies.add((System.nanoTime() - t0) / 1000);
                    }
                });
            }
        }
        if (failures.get() > 0) {
            System.out.println("  !! " + failures.get() + " calls failed");
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted;
    }

    static double percentile(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1)) / 1000.0;
    }

    static int[] ints(String list) {
        return java.util.Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /**
     * The gateway against the same two calls made directly, at each concurrency in turn, after one warm-up. The
     * warm-up is long on purpose: the gateway's path runs through far more code than the direct calls (Spring MVC,
     * validation, WebClient, Netty, Jackson twice), and at a few hundred requests a second the JIT needs tens of
     * thousands of requests to compile all of it; measured earlier, the overhead at concurrency 1 is still falling
     * after 4,000 (override with -DwarmupRequests=N, or skip with -Dwarmup=false against a gateway already warm).
     */
    static void overhead(String gateway, String fake, int[] concurrencies, int[] requests) throws Exception {
        if (!"false".equals(System.getProperty("warmup"))) {
            // The fake, the gateway and this harness all warm up — on the paths of concurrent calls and on those of
            // a lone caller, which differ (a lone run is recorded inline).
            measure(16, 1600, () -> direct(fake), 200);
            measure(16, Integer.getInteger("warmupRequests", 20_000), () -> viaGateway(gateway), 201);
            alternate(1, Integer.getInteger("warmupLone", 400), gateway, fake);
        }
        for (int i = 0; i < concurrencies.length; i++) {
            int concurrency = concurrencies[i];
            List<List<Long>> both = alternate(concurrency, requests[i], gateway, fake);
            List<Long> d = both.get(0);
            List<Long> g = both.get(1);
            System.out.printf("overhead c=%d n=%d | direct p50 %.2f ms p99 %.2f ms | gateway p50 %.2f ms p99 %.2f ms"
                    + " | added p50 %.2f ms (%.1f %%), ratio p50 %.3f p99 %.3f%n", concurrency, requests[i],
                    percentile(d, 50), percentile(d, 99), percentile(g, 50), percentile(g, 99),
                    percentile(g, 50) - percentile(d, 50), 100 * (percentile(g, 50) / percentile(d, 50) - 1),
                    percentile(g, 50) / percentile(d, 50), percentile(g, 99) / percentile(d, 99));
        }
    }

    /**
     * {@code requests} direct and as many gateway calls at {@code concurrency}, alternating in rounds so that drift
     * on the machine (JIT, CPU frequency, the other processes) falls on both sides alike instead of on whichever
     * side happened to run second. Answers the sorted latencies: direct first, then gateway.
     */
    static List<List<Long>> alternate(int concurrency, int requests, String gateway, String fake) throws Exception {
        List<Long> d = new ArrayList<>();
        List<Long> g = new ArrayList<>();
        int rounds = Math.max(1, Math.min(ROUNDS, requests / concurrency));
        for (int round = 0; round < rounds; round++) {
            int share = requests / rounds + (round < requests % rounds ? 1 : 0);
            boolean directFirst = round % 2 == 0;
            for (boolean direct : new boolean[] {directFirst, !directFirst}) {
                if (direct) {
                    d.addAll(measure(concurrency, share, () -> direct(fake), 200));
                } else {
                    g.addAll(measure(concurrency, share, () -> viaGateway(gateway), 201));
                }
            }
        }
        Collections.sort(d);
        Collections.sort(g);
        return List.of(d, g);
    }

    /** Closed-loop clients for {@code seconds}, after as long again of warm-up; checks the fake stored every run once. */
    static void throughput(String gateway, String fake, int clients, int seconds) throws Exception {
        long storedBefore = stat(fake, "runs");
        Load warmup = load(gateway, clients, Integer.getInteger("warmup", Math.max(5, seconds / 2)));
        long savesBefore = stat(fake, "saves");
        long lockBefore = stat(fake, "saveLockMillis");
        Load measured = load(gateway, clients, seconds);
        long saves = stat(fake, "saves") - savesBefore;
        long lockMillis = stat(fake, "saveLockMillis") - lockBefore;
        long stored = stat(fake, "runs") - storedBefore;
        long answered = warmup.created + measured.created;
        System.out.printf("throughput clients=%d | %d created, %d failed in %.1f s = %.1f runs/s | p50 %.1f ms p99 %.1f ms%n",
                clients, measured.created, measured.failed, measured.seconds, measured.created / measured.seconds,
                percentile(measured.latencies, 50), percentile(measured.latencies, 99));
        System.out.printf("saves: %d, %.1f runs each; the fake's serialised save held its lock %.0f %% of the time%n",
                saves, (double) measured.created / Math.max(1, saves), lockMillis / (10 * measured.seconds));
        System.out.printf("runs answered 201: %d, stored by the fake: %d -> %s%n", answered, stored,
                answered == stored ? "no lost, no duplicated run" : "MISMATCH");
    }

    record Load(int created, int failed, double seconds, List<Long> latencies) {
    }

    static Load load(String gateway, int clients, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    for (int i = 0; i < 100_000 && System.nanoTime() < deadline; i++) {
                        long start = System.nanoTime();
                        try {
                            if (viaGateway(gateway) == 201) {
                                created.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                        latencies.add((System.nanoTime() - start) / 1000);
                    }
                });
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Load(created.get(), failed.get(), (System.nanoTime() - t0) / 1e9, sorted);
    }

    /** One of the fake's counters: runs (stored), saves, shells, saveLockMillis. */
    static long stat(String fake, String name) throws Exception {
        String stats = send("GET", fake + REST + "stand-in-stats", "").body();
        return Long.parseLong(stats.replaceAll(".*\"" + name + "\":(\\d+).*", "$1"));
    }

    static void batch(String gateway, String fake, int size) throws Exception {
        String before = send("GET", fake + REST + "stand-in-stats", "").body();
        StringBuilder body = new StringBuilder("{\"runs\":[");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append(run());
        }
        HttpResponse<String> reply = send("POST", gateway + "/runs/batch", body.append("]}").toString());
        String after = send("GET", fake + REST + "stand-in-stats", "").body();
        System.out.printf("batch size=%d | HTTP %d | fake before %s after %s%n", size, reply.statusCode(), before, after);
    }

    /**
     * Where the time of a lone run goes: CPU the gateway and the fake spend per {@code POST /runs}, from the
     * processes' own counters in /proc (Linux), over {@code requests} sequential calls to a warm gateway — net of
     * what each process burns while idle (JIT, GC, timers), measured for 10 s first.
     */
    static void cpu(String gateway, String gatewayPid, String fakePid, int requests) throws Exception {
        long gateway0 = cpuMillis(gatewayPid);
        long fake0 = cpuMillis(fakePid);
        long idle0 = System.nanoTime();
        Thread.sleep(10_000);
        double idleSeconds = (System.nanoTime() - idle0) / 1e9;
        double gatewayIdle = (cpuMillis(gatewayPid) - gateway0) / idleSeconds;
        double fakeIdle = (cpuMillis(fakePid) - fake0) / idleSeconds;
        long gateway1 = cpuMillis(gatewayPid);
        long fake1 = cpuMillis(fakePid);
        long t0 = System.nanoTime();
        measure(1, requests, () -> viaGateway(gateway), 201);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double gatewayPerRun = (cpuMillis(gatewayPid) - gateway1 - gatewayIdle * seconds) / requests;
        double fakePerRun = (cpuMillis(fakePid) - fake1 - fakeIdle * seconds) / requests;
        System.out.printf("cpu per lone run (%d runs, net of idle: gateway %.0f ms/s, fake %.0f ms/s) | gateway %.2f ms"
                + " | fake, for its two calls, %.2f ms%n", requests, gatewayIdle, fakeIdle, gatewayPerRun, fakePerRun);
    }

    /** User plus system CPU of a process so far; /proc counts in clock ticks of 10 ms. */
    static long cpuMillis(String pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }
}
