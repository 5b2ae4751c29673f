package org.mscluster.signaling.egress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.signaling.room.Room;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One egress: its segments (one ffmpeg each, fed by PlainTransport consumers of the room's producers)
 * and its status.
 *
 * <p>A segment starts by creating paused consumers on PlainTransports connected to free loopback ports,
 * writing the SDP and starting ffmpeg; once ffmpeg holds those ports the consumers resume and key
 * frames are asked for (again after 1, 2 and 4 s, while ffmpeg probes its inputs). The egress is
 * {@code active} once ffmpeg has opened its output. A new segment starts when
 * <ul>
 *   <li>ffmpeg died: the egress restarts it into a new segment ({@code restarts}, {@code note}), and
 *       fails after {@link EgressSettings#maxRestarts()} restarts; a first ffmpeg that never opens its
 *       output (an unreachable RTMP server, a refused stream key) fails the egress at once, with ffmpeg's
 *       reason;
 *   <li>the producers of a composite (or of the recorded peer) changed: the segment is finished
 *       gracefully and the next one has the new filter graph, a second or two later.
 * </ul>
 * Stopping finishes the segment gracefully (ffmpeg writes its trailer), stores it, and only then says
 * {@code complete}. Every method is thread-safe; state changes hold the session's lock.
 */
public final class EgressSession implements Egress {

    private static final Logger LOG = LoggerFactory.getLogger(EgressSession.class);
    /** How long ffmpeg has to open its output (probing the inputs, connecting to the RTMP server). */
    static final Duration OPEN_DEADLINE = Duration.ofSeconds(9);
    private static final long[] KEY_FRAMES_MS = {1000, 2000, 4000};
    /** A video frame count that has not moved for this long asks every input for a key frame… */
    static final Duration STALL_KEY_FRAME = Duration.ofSeconds(7);
    /** …and for this long starts a new segment (stats come every 5 s: two reports without a new frame). */
    static final Duration STALL_RESTART = Duration.ofSeconds(12);
    /** How long the RTMP server has to accept a TCP connection. */
    static final Duration RTMP_CONNECT = Duration.ofSeconds(5);
    /** Producers that come and go within this time make one new segment, not several. */
    static final Duration CHANGE_DEBOUNCE = Duration.ofMillis(1500);

    private final String id;
    private final RoomKey roomKey;
    private final String nodeId;
    private final EgressRequest request;
    private final Room room;
    private final EgressSettings settings;
    private final EgressStorage storage;
    private final ScheduledExecutorService timers;
    private final EgressListener listener;
    private final Clock clock;
    private final Instant createdAt;
    private EgressStatus status = EgressStatus.STARTING;
    private Instant activeAt;
    private Instant endedAt;
    private String error;
    private String note;
    private int restarts;
    private boolean stopRequested;
    private boolean aborted;
    private String failure;
    private final List<Segment> segments = new ArrayList<>();
    /** Asked-for producers taken once: one no longer found has closed (ids are never reused). */
    private final java.util.Set<String> taken = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Asked-for producers found closed: not looked up again (the router logs an error at each look-up). */
    private final java.util.Set<String> gone = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Segment current;
    private ScheduledFuture<?> pendingChange;
    private ScheduledFuture<?> watch;
    /** How often an egress compares its producers with those it should take now. */
    static final Duration WATCH = Duration.ofSeconds(2);

    EgressSession(String id, RoomKey roomKey, String nodeId, EgressRequest request, Room room, EgressSettings settings,
            EgressStorage storage, ScheduledExecutorService timers, EgressListener listener, Clock clock) {
        this.id = id;
        this.roomKey = roomKey;
        this.nodeId = nodeId;
        this.request = request;
        this.room = room;
        this.settings = settings;
        this.storage = storage;
        this.timers = timers;
        this.listener = listener;
        this.clock = clock;
        this.createdAt = clock.instant();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RoomKey room() {
        return roomKey;
    }

    /** The room (or media-only leg) it takes its producers from. */
    Room source() {
        return room;
    }

    public EgressRequest request() {
        return request;
    }

    @Override
    public synchronized EgressStatus status() {
        return status;
    }

    public synchronized int restarts() {
        return restarts;
    }

    /** The pids of this egress's running ffmpeg (none or one). */
    public synchronized List<Long> ffmpegPids() {
        return current != null && current.ffmpeg != null && current.ffmpeg.alive() ? List.of(current.ffmpeg.pid()) : List.of();
    }

    /** This egress's running ffmpeg, if one runs now (for benchmarks: its pid and progress). */
    public synchronized java.util.Optional<FfmpegProcess> ffmpeg() {
        return current != null && current.ffmpeg != null && current.ffmpeg.alive() ? java.util.Optional.of(current.ffmpeg)
                : java.util.Optional.empty();
    }

    void start() {
        if (request.rtmp()) {
            timers.execute(this::checkRtmpServer);
        }
        openSegment();
        // Pauses, resumes, streams that stop or start, producers of no peer that close: no room event tells. Look every 2 s.
        watch = timers.scheduleWithFixedDelay(this::applyChange, WATCH.toMillis(), WATCH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops it gracefully: the segment is finished and stored, then {@code complete}. */
    @Override
    public void stop(String why) {
        stop(why, false);
    }

    /** The node is closing: stop it as {@code aborted} (its files are still finished). */
    void abort(String why) {
        stop(why, true);
    }

    private void stop(String why, boolean abort) {
        FfmpegProcess running = null;
        synchronized (this) {
            if (status.finished() || stopRequested) {
                return;
            }
            LOG.info("egress {} of room {}: stopping ({})", id, roomKey, why);
            stopRequested = true;
            aborted = abort;
            note = why;
            status = EgressStatus.ENDING;
            if (pendingChange != null) {
                pendingChange.cancel(false);
            }
            if (current != null && current.ffmpeg != null) {
                running = current.ffmpeg;
            } else if (current == null) {
                finishIfDone();
            }
            // else: the segment is being set up; it sees stopRequested and ends itself.
        }
        if (running != null) {
            running.stop(10);
        }
    }

    /**
     * An RTMP server that refuses connections or cannot be reached fails the egress at once, with the reason,
     * without waiting for ffmpeg to probe its inputs before it tries (seconds on a busy machine).
     */
    private void checkRtmpServer() {
        java.net.URI url = java.net.URI.create(request.url());
        int port = url.getPort() > 0 ? url.getPort() : 1935;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(url.getHost(), port), (int) RTMP_CONNECT.toMillis());
        } catch (IOException e) {
            FfmpegProcess running;
            synchronized (this) {
                if (stopRequested || status.finished() || (current != null && current.opened)) {
                    return;
                }
                failure = "rtmp://" + url.getHost() + ":" + port + ": " + (e.getMessage() != null ? e.getMessage() : e.toString());
                running = current == null ? null : current.ffmpeg;
                if (running == null) {
                    // ffmpeg not started yet: the segment ends (and the egress fails) when it is, or now if never.
                    error = failure;
                    stopRequested = true;
                    status = EgressStatus.ENDING;
                }
            }
            LOG.warn("egress {}: {}", id, failure);
            if (running != null) {
                running.kill();
            }
        }
    }

    /** The room's producers changed: a composite (or a peer's recording) takes the new set in a new segment. */
    void sourcesChanged() {
        synchronized (this) {
            if (stopRequested || status.finished()) {
                return;
            }
            if (pendingChange != null) {
                pendingChange.cancel(false);
            }
            pendingChange = timers.schedule(this::applyChange, CHANGE_DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void applyChange() {
        FfmpegProcess stalled = null;
        synchronized (this) {
            if (!stopRequested && current != null && current.opened && current.ffmpeg != null && !current.replacing
                    && current.ffmpeg.alive()) {
                java.time.Duration still = current.ffmpeg.videoStalledFor();
                if (still.compareTo(STALL_RESTART) > 0) {
                    LOG.warn("egress {}: no video frame for {} s: next segment", id, still.toSeconds());
                    current.replacing = true;
                    note = "video stalled for " + still.toSeconds() + " s: segment " + (current.index + 1);
                    stalled = current.ffmpeg;
                } else if (still.compareTo(STALL_KEY_FRAME) > 0) {
                    // A decoder that lost packets waits for a key frame; ffmpeg seldom asks for one itself.
                    current.inputs.forEach(RtpInput::keyFrame);
                }
            }
        }
        if (stalled != null) {
            stalled.stop(10);
            return;
        }
        followSpeaker();
        sources().whenComplete((wanted, error) -> {
            if (error != null) {
                return;
            }
            FfmpegProcess running = null;
            synchronized (this) {
                if (stopRequested || status.finished() || current == null || current.ffmpeg == null || current.replacing) {
                    return;
                }
                Set<String> now = new HashSet<>(current.producerIds());
                Set<String> next = new HashSet<>();
                wanted.forEach(source -> next.add(source.producerId()));
                if (now.equals(next)) {
                    return;
                }
                if (next.isEmpty() && !request.producers().isEmpty()) {
                    LOG.info("egress {}: its producers are gone, stopping", id);
                    timers.execute(() -> stop("its producers closed"));
                    return;
                }
                LOG.info("egress {}: producers changed ({} -> {}): next segment", id, now, next);
                current.replacing = true;
                running = current.ffmpeg;
            }
            running.stop(10);
        });
    }

    /** The producers this egress takes now. */
    private CompletableFuture<List<Room.ProducerSource>> sources() {
        return room.producers().thenApply(all -> {
            if (request.peer() != null) {
                return all.stream().filter(p -> p.peerId().equals(request.peer())).toList();
            }
            if (!request.producers().isEmpty()) {
                List<Room.ProducerSource> chosen = new ArrayList<>();
                for (String producerId : request.producers()) {
                    if (gone.contains(producerId)) {
                        continue;
                    }
                    // A producer of no peer (a PlainTransport producer on the router) is taken too: its kind comes with the consumer.
                    chosen.add(all.stream().filter(p -> p.producerId().equals(producerId)).findFirst()
                            .orElse(new Room.ProducerSource("", producerId, null, false, true)));
                }
                return chosen.stream().filter(p -> {
                    if (p.kind() != null || room.router().canConsume(p.producerId(), room.router().rtpCapabilities())) {
                        taken.add(p.producerId());
                        return true;
                    }
                    // One not piped here yet (an egress node's leg) is looked up again; one that was here has closed.
                    if (taken.contains(p.producerId())) {
                        gone.add(p.producerId());
                    }
                    return false;
                }).toList();
            }
            // A composite waits for a frame of every input: a paused or silent producer would stall it.
            return all.stream().filter(Room.ProducerSource::live).toList();
        });
    }

    private void openSegment() {
        Segment segment;
        synchronized (this) {
            if (stopRequested || status.finished()) {
                finishIfDone();
                return;
            }
            int index = segments.size() + 1;
            String target;
            Path file = null;
            if (request.rtmp()) {
                target = request.url();
            } else {
                file = settings.dir().resolve(id + "-" + index + "." + request.format()).toAbsolutePath();
                target = file.toString();
            }
            segment = new Segment(index, target, file, clock.instant());
            segments.add(segment);
            current = segment;
        }
        sources().thenCompose(chosen -> {
            List<CompletableFuture<RtpInput>> inputs = chosen.stream()
                    .map(source -> RtpInput.create(room.router(), source.peerId(), source.producerId(), id)).toList();
            return CompletableFuture.allOf(inputs.toArray(CompletableFuture[]::new)).handle((nothing, failure) -> {
                List<RtpInput> made = inputs.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
                        .map(CompletableFuture::join).toList();
                if (failure != null) {
                    made.forEach(RtpInput::close);
                    throw new IllegalStateException("could not consume the room's producers: " + rootMessage(failure));
                }
                return made;
            });
        }).whenComplete((inputs, failure) -> {
            if (failure != null) {
                segmentEnded(segment, null, rootMessage(failure));
            } else {
                launch(segment, inputs);
            }
        });
    }

    private void launch(Segment segment, List<RtpInput> inputs) {
        FfmpegProcess ffmpeg;
        synchronized (this) {
            segment.inputs = new ArrayList<>(inputs);
            if (stopRequested) {
                segmentEnded(segment, null, "stopped before ffmpeg started");
                return;
            }
            List<Track> tracks = inputs.stream().map(input -> input.track).toList();
            segment.composite = FfmpegCommand.composite(request, tracks);
            int speaker = Math.max(0, videoOf(tracks, room.dominantSpeaker()));
            if (segment.composite && "speaker".equals(request.layout()) && tracks.stream().filter(Track::video).count() > 1) {
                segment.speaker = speaker;
            }
            Path sdp = settings.dir().resolve(id + "-" + segment.index + ".sdp");
            List<String> command = FfmpegCommand.of(settings.ffmpeg(), request, tracks, sdp, segment.target, speaker);
            try {
                Files.createDirectories(settings.dir());
                Files.writeString(sdp, SdpFile.of(RtpInput.LOOPBACK, tracks));
                ffmpeg = FfmpegProcess.start(command, settings.dir().resolve(id + ".log"), id + "-" + segment.index);
            } catch (IOException | RuntimeException e) {
                segmentEnded(segment, null, "could not start ffmpeg: " + e.getMessage());
                return;
            }
            segment.ffmpeg = ffmpeg;
            LOG.info("egress {} of room {}: segment {} ({}, {} tracks) by ffmpeg {} to {}", id, roomKey, segment.index,
                    segment.composite ? "composite" : "passthrough", tracks.size(), ffmpeg.pid(), segment.target);
        }
        ffmpeg.outputOpen().thenRun(() -> opened(segment));
        ffmpeg.exit().thenAccept(code -> segmentEnded(segment, code, null));
        awaitListening(segment, ffmpeg, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        timers.schedule(() -> {
            synchronized (this) {
                if (segment.opened || !ffmpeg.alive()) {
                    return;
                }
            }
            LOG.warn("egress {}: ffmpeg {} did not open its output within {} s, killing it", id, ffmpeg.pid(),
                    OPEN_DEADLINE.toSeconds());
            failure = "ffmpeg did not open its output within " + OPEN_DEADLINE.toSeconds() + " s (" + ffmpeg.reason() + ")";
            ffmpeg.kill();
        }, OPEN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Resumes the consumers once ffmpeg holds every input port (it binds them as it reads the SDP). */
    private void awaitListening(Segment segment, FfmpegProcess ffmpeg, long deadline) {
        if (!ffmpeg.alive()) {
            return;
        }
        boolean listening = segment.inputs.stream().allMatch(input -> !UdpPorts.free(input.track.rtpPort()));
        if (!listening && System.nanoTime() < deadline) {
            timers.schedule(() -> awaitListening(segment, ffmpeg, deadline), 50, TimeUnit.MILLISECONDS);
            return;
        }
        if (!listening) {
            LOG.warn("egress {}: ffmpeg {} does not hold its input ports after 5 s; sending anyway", id, ffmpeg.pid());
        }
        synchronized (this) {
            segment.mediaFrom = clock.instant();
        }
        for (RtpInput input : segment.inputs) {
            input.start().exceptionally(error -> {
                LOG.warn("egress {}: resuming consumer {} failed: {}", id, input.consumer.id(), error.toString());
                return null;
            });
        }
        for (long delay : KEY_FRAMES_MS) {
            timers.schedule(() -> segment.inputs.forEach(RtpInput::keyFrame), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** The index among the shown videos of {@code peerId}'s video, or -1. */
    private static int videoOf(List<Track> tracks, String peerId) {
        int video = 0;
        for (Track track : tracks) {
            if (track.video()) {
                if (video >= FfmpegCommand.MAX_VIDEOS) {
                    break;
                }
                if (track.peerId().equals(peerId)) {
                    return video;
                }
                video++;
            }
        }
        return -1;
    }

    /**
     * The speaker layout shows the room's dominant speaker large: when another peer with a video in the
     * segment becomes the speaker, ffmpeg is told to show that video instead (two filter commands, no new
     * segment). Told by the room when its speaker changes, and looked at every {@link #WATCH} as well.
     */
    /** The room named another dominant speaker: a speaker layout shows it now. */
    void speakerChanged() {
        followSpeaker();
    }

    private void followSpeaker() {
        FfmpegProcess ffmpeg;
        int from;
        int to;
        synchronized (this) {
            if (stopRequested || current == null || current.speaker < 0 || !current.opened || current.replacing
                    || current.ffmpeg == null || !current.ffmpeg.alive()) {
                return;
            }
            to = videoOf(current.inputs.stream().map(input -> input.track).toList(), room.dominantSpeaker());
            if (to < 0 || to == current.speaker) {
                return;
            }
            from = current.speaker;
            current.speaker = to;
            current.speakerSwitches++;
            ffmpeg = current.ffmpeg;
        }
        LOG.debug("egress {}: speaker layout shows video {} (was {})", id, to, from);
        for (String[] command : FfmpegCommand.speakerSwitch(from, to)) {
            ffmpeg.command(command[0], command[1], command[2]);
        }
    }

    private void opened(Segment segment) {
        boolean first;
        synchronized (this) {
            segment.opened = true;
            if (status.finished() || stopRequested) {
                return;
            }
            first = status == EgressStatus.STARTING;
            status = EgressStatus.ACTIVE;
            if (first) {
                activeAt = clock.instant();
            }
        }
        LOG.info("egress {} of room {}: segment {} active", id, roomKey, segment.index);
        if (first) {
            listener.started(this);
        } else {
            listener.updated(this, note);
        }
    }

    /** A segment's ffmpeg exited (or never started): store its file, then go on, restart, or finish. */
    private void segmentEnded(Segment segment, Integer code, String problem) {
        String reason;
        boolean restart = false;
        boolean replace = false;
        synchronized (this) {
            if (segment.end != null) {
                return;
            }
            segment.end = clock.instant();
            segment.exitCode = code;
            segment.inputs.forEach(RtpInput::close);
            FfmpegProcess ffmpeg = segment.ffmpeg;
            String ffmpegReason = ffmpeg == null ? problem : ffmpeg.reason();
            if (stopRequested) {
                reason = "stopped";
            } else if (segment.replacing) {
                reason = note != null && note.startsWith("video stalled") ? "video stalled" : "producers changed";
                replace = true;
            } else {
                reason = problem != null ? problem : failure != null ? failure
                        : "ffmpeg exited with " + code + ": " + ffmpegReason;
                failure = null;
                if (!segment.opened && segment.index == 1 && ffmpeg != null && !ffmpeg.logged("bind failed")) {
                    // Never worked: a wrong URL, a refused key, a server away. Trying again would only hide it. A
                    // port taken between our check and ffmpeg's bind (another process on the machine) is no such
                    // reason: the next segment gets other ports.
                    error = reason;
                } else if (restarts >= settings.maxRestarts()) {
                    error = "ffmpeg failed " + (restarts + 1) + " times; last: " + reason;
                } else {
                    restarts++;
                    restart = true;
                    note = reason + "; restarted into segment " + (segment.index + 1);
                }
                if (!restart) {
                    stopRequested = true;
                    status = EgressStatus.ENDING;
                }
            }
            segment.endReason = reason;
            LOG.info("egress {} of room {}: segment {} ended ({})", id, roomKey, segment.index, reason);
        }
        store(segment);
        if (restart || replace) {
            if (restart) {
                LOG.warn("egress {}: {}", id, note);
            } else {
                synchronized (this) {
                    if (note == null || !note.startsWith("video stalled")) {
                        note = "producers changed: segment " + (segment.index + 1);
                    }
                }
            }
            openSegment();
        } else {
            synchronized (this) {
                finishIfDone();
            }
        }
    }

    /** Probes and stores a finished recording segment; an RTMP segment has nothing to store. */
    private void store(Segment segment) {
        if (segment.file == null || storage == null || !Files.exists(segment.file)) {
            if (segment.file != null && !Files.exists(segment.file)) {
                segment.storeError = segment.opened ? "ffmpeg wrote no file" : null;
            }
            segment.finished.complete(null);
            return;
        }
        CompletableFuture.supplyAsync(() -> Ffprobe.streams(settings.ffprobe(), segment.file) == 0 ? -2
                        : Ffprobe.duration(settings.ffprobe(), segment.file), timers)
                .thenCompose(duration -> {
                    segment.duration = duration;
                    if (duration == -2) {
                        // Nothing a player could open (ffmpeg ended before any media): not kept, not listed as output.
                        segment.empty = true;
                        try {
                            Files.deleteIfExists(segment.file);
                        } catch (IOException e) {
                            LOG.debug("egress {}: removing empty {}: {}", id, segment.file, e.toString());
                        }
                        return CompletableFuture.completedFuture(null);
                    }
                    return storage.store(segment.file, key(segment));
                })
                .whenComplete((stored, error) -> {
                    synchronized (this) {
                        if (error != null) {
                            segment.storeError = storage.name() + " storage failed: " + rootMessage(error)
                                    + "; the file is kept at " + segment.file;
                            LOG.warn("egress {}: {}", id, segment.storeError);
                        } else {
                            segment.stored = stored;
                        }
                    }
                    segment.finished.complete(null);
                });
    }

    /** The segment's name in storage: {@code namespace/roomId/egressId-segment.ext}. */
    private String key(Segment segment) {
        return roomKey.namespace() + "/" + roomKey.roomId() + "/" + segment.file.getFileName();
    }

    /** Once stopping and every segment has ended and been stored: the final status. Holds the lock. */
    private void finishIfDone() {
        if (status.finished() || !stopRequested) {
            return;
        }
        if (current != null && current.end == null) {
            return;
        }
        List<CompletableFuture<Void>> pending = segments.stream().map(s -> s.finished).toList();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenRun(this::finish);
    }

    private void finish() {
        synchronized (this) {
            if (status.finished()) {
                return;
            }
            String storeError = segments.stream().map(s -> s.storeError).filter(e -> e != null).findFirst().orElse(null);
            if (error == null && storeError != null) {
                error = storeError;
            }
            if (watch != null) {
                watch.cancel(false);
            }
            status = error != null ? EgressStatus.FAILED : aborted ? EgressStatus.ABORTED : EgressStatus.COMPLETE;
            // When the last ffmpeg stopped: storing after it adds nothing to the recording.
            endedAt = current != null && current.end != null ? current.end : clock.instant();
            LOG.info("egress {} of room {}: {}{}", id, roomKey, status.value(), error == null ? "" : " (" + error + ")");
        }
        listener.ended(this);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /** What the node's report says of it: the RTMP URL without its stream key (the key is a secret). */
    synchronized RoomSnapshot.Egress snapshot() {
        String target;
        if (request.rtmp()) {
            String url = request.url();
            int key = url.lastIndexOf('/');
            target = key > "rtmp://".length() ? url.substring(0, key + 1) + "…" : url;
        } else {
            target = request.format() + " to " + request.storage();
        }
        return new RoomSnapshot.Egress(id, request.type(), status.value(), target, activeAt, restarts);
    }

    /**
     * The first fields of an egress's JSON, in the API's order: also what an egress node answers for one it
     * is still starting ({@link EgressService}), before a session exists.
     */
    static Map<String, Object> identityJson(String id, RoomKey roomKey, String nodeId, EgressRequest request,
            EgressStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("egressId", id);
        json.put("namespace", roomKey.namespace());
        json.put("roomId", roomKey.roomId());
        json.put("nodeId", nodeId);
        json.put("type", request.type());
        json.put("status", status.value());
        return json;
    }

    /** {@code GET /api/egress/{egressId}}. */
    @Override
    public synchronized Map<String, Object> json() {
        Map<String, Object> json = identityJson(id, roomKey, nodeId, request, status);
        if (request.rtmp()) {
            json.put("url", request.url());
        } else {
            json.put("format", request.format());
            json.put("storage", request.storage());
        }
        if (request.peer() != null) {
            json.put("peer", request.peer());
        }
        if (!request.producers().isEmpty()) {
            json.put("producers", request.producers());
        }
        json.put("layout", request.layout());
        json.put("createdAt", createdAt.toString());
        // When media began to flow into the egress (the recording starts there); null until it is active.
        Instant mediaFrom = segments.isEmpty() ? null : segments.get(0).mediaFrom;
        json.put("startedAt", activeAt == null ? null : (mediaFrom != null ? mediaFrom : activeAt).toString());
        json.put("endedAt", endedAt == null ? null : endedAt.toString());
        json.put("error", error);
        json.put("note", note);
        json.put("restarts", restarts);
        json.put("output", output());
        return json;
    }

    /** The output: the URL, or the first segment's file or object, with the size and duration of all segments. */
    private Map<String, Object> output() {
        Map<String, Object> output = new LinkedHashMap<>();
        List<Map<String, Object>> parts = segments.stream().map(Segment::json).toList();
        if (request.rtmp()) {
            output.put("url", request.url());
        } else if (parts.stream().anyMatch(p -> !p.containsKey("empty"))) {
            Map<String, Object> first = parts.stream().filter(p -> !p.containsKey("empty")).findFirst().orElseThrow();
            if (first.containsKey("key")) {
                output.put("location", first.get("location"));
                output.put("key", first.get("key"));
            } else {
                output.put("path", first.get("path"));
            }
            output.put("size", parts.stream().mapToLong(p -> ((Number) p.getOrDefault("size", 0L)).longValue()).sum());
        }
        double duration = 0;
        for (Segment segment : segments) {
            if (segment.duration >= 0) {
                duration += segment.duration;
            } else if (segment.opened) {
                Instant end = segment.end != null ? segment.end : clock.instant();
                duration += Duration.between(segment.start, end).toMillis() / 1000.0;
            }
        }
        output.put("duration", Math.round(duration * 1000) / 1000.0);
        output.put("segments", parts);
        return output;
    }
}
