package org.mscluster.cli.mediabench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumers per worker at a given loss: consumers are added in steps while the clip plays; after each
 * step settles, one window measures the loss over every consumer and the worker's CPU. The run stops
 * at the first step whose loss is over the limit in two windows running (one stalled window on a
 * shared machine is not the worker's limit), whose worker is saturated, or at the maximum.
 */
public final class MediaCapacityBenchmark {

    /** Steps of consumers (each transport consumes the video and the audio: two consumers). */
    public record Settings(int start, int step, int max, long settleMillis, long windowMillis, double maxLoss,
            double cpuCeiling, int receiverSockets) {

        public Settings {
            if (start < 2 || step < 2 || max < start || settleMillis < 0 || windowMillis < 500 || maxLoss <= 0
                    || cpuCeiling <= 0 || receiverSockets < 1) {
                throw new IllegalArgumentException("start and step must be at least 2, max at least start, the window at least"
                        + " 500 ms, the loss limit and the CPU ceiling positive, and at least one receiving socket");
            }
        }
    }

    private final RtpClip clip;
    private final Settings settings;

    public MediaCapacityBenchmark(RtpClip clip, Settings settings) {
        this.clip = clip;
        this.settings = settings;
    }

    public Map<String, Object> run(Fanout fanout) throws Exception {
        List<Map<String, Object>> steps = new ArrayList<>();
        String stoppedBy = "max";
        Map<String, Object> best = null;
        try (RtpCounter counter = new RtpCounter(settings.receiverSockets());
                ClipPlayer player = new ClipPlayer(clip, fanout.producerPort())) {
            int consumers = 0;
            int round = 0;
            for (int target = settings.start(); target <= settings.max(); target += settings.step()) {
                int transports = (target - consumers) / 2;
                List<Integer> ports = counter.ports();
                for (int i = 0; i < transports; i++, round++) {
                    // One at a time per port keeps the request batches small for both layers alike.
                    counter.expect(fanout.addTransports(1, ports.get(round % ports.size())));
                }
                consumers += transports * 2;
                settle(counter);
                Map<String, Object> step = window(fanout, counter, player, consumers);
                if (!passes(step)) {
                    // On a shared machine one stalled window is not the worker's limit: a step fails only twice in a row.
                    Map<String, Object> again = window(fanout, counter, player, consumers);
                    again.put("retried", true);
                    step = passes(again) ? again : step;
                }
                steps.add(step);
                if (player.failure() != null) {
                    throw player.failure();
                }
                double cpu = (double) step.get("workerCpu");
                if (!passes(step)) {
                    stoppedBy = "loss";
                    break;
                }
                best = step;
                if (cpu >= settings.cpuCeiling()) {
                    stoppedBy = "cpu";
                    break;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("layer", fanout.description());
        out.put("consumersUnderLossLimit", best == null ? 0 : best.get("consumers"));
        out.put("workerCpuPercentPerConsumer", best == null ? 0 : round3((double) best.get("workerCpu") * 100 / (int) best.get("consumers")));
        out.put("stoppedBy", stoppedBy);
        out.put("steps", steps);
        return out;
    }

    private boolean passes(Map<String, Object> step) {
        return (double) step.get("lossPercent") / 100 <= settings.maxLoss() && (int) step.get("silentConsumers") == 0;
    }

    /**
     * The settle time, and then until every consumer has delivered (a new video consumer starts at
     * the next keyframe, every 2 s in the clip), for at most 5 s more: one still silent then is lost.
     */
    private void settle(RtpCounter counter) throws InterruptedException {
        Thread.sleep(settings.settleMillis());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (counter.waiting() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private Map<String, Object> window(Fanout fanout, RtpCounter counter, ClipPlayer player, int consumers) throws Exception {
        Map<Long, RtpCounter.Mark> before = marks(counter);
        long videoSent = player.sent(true);
        long audioSent = player.sent(false);
        long cpuBefore = fanout.workerCpuNanos();
        UdpCounters udpBefore = UdpCounters.read();
        long start = System.nanoTime();
        Thread.sleep(settings.windowMillis());
        long elapsed = System.nanoTime() - start;
        long cpu = fanout.workerCpuNanos() - cpuBefore;
        UdpCounters udp = UdpCounters.read().minus(udpBefore);
        Map<Long, RtpCounter.Mark> after = marks(counter);
        long videoDue = player.sent(true) - videoSent;
        long audioDue = player.sent(false) - audioSent;
        long[] expected = new long[2];
        long[] received = new long[2];
        int silent = 0;
        for (Map.Entry<Long, RtpCounter.Stream> entry : counter.streams().entrySet()) {
            RtpCounter.Mark from = before.get(entry.getKey());
            RtpCounter.Mark to = after.get(entry.getKey());
            long got = to.received() - from.received();
            // A consumer that has never delivered is owed what the player sent of its kind.
            long owed = from.highest() < 0 ? (entry.getValue().video ? videoDue : audioDue) : to.highest() - from.highest();
            int kind = entry.getValue().video ? 1 : 0;
            expected[kind] += Math.max(owed, got);
            received[kind] += got;
            if (got == 0) {
                silent++;
            }
        }
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("consumers", consumers);
        step.put("lossPercent", lossPercent(expected[0] + expected[1], received[0] + received[1]));
        step.put("videoLossPercent", lossPercent(expected[1], received[1]));
        step.put("audioLossPercent", lossPercent(expected[0], received[0]));
        step.put("silentConsumers", silent);
        step.put("workerCpu", round3((double) cpu / elapsed));
        step.put("packetsOutPerSecond", Math.round((received[0] + received[1]) * 1e9 / elapsed));
        step.put("receiveBufferDrops", udp.receiveBufferErrors());
        step.put("sendBufferDrops", udp.sendBufferErrors());
        step.put("foreignPackets", counter.foreign());
        return step;
    }

    private static Map<Long, RtpCounter.Mark> marks(RtpCounter counter) {
        Map<Long, RtpCounter.Mark> marks = new HashMap<>();
        counter.streams().forEach((ssrc, stream) -> marks.put(ssrc, new RtpCounter.Mark(stream.received, stream.highest)));
        return marks;
    }

    private static double lossPercent(long expected, long received) {
        return expected == 0 ? 0.0 : round3(100.0 * (expected - received) / expected);
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
