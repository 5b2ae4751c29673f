package org.mscluster.mediasoup.worker;

import FBS.Notification.Event;
import FBS.Request.Method;
import FBS.Worker.ChannelMessageHandlers;
import FBS.Worker.CreateRouterRequest;
import FBS.Worker.CreateWebRtcServerRequest;
import FBS.Worker.DumpResponse;
import FBS.Worker.ResourceUsageResponse;
import FBS.Worker.UpdateSettingsRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.mscluster.channel.Channel;
import org.mscluster.channel.MediasoupVersion;
import org.mscluster.channel.NativeBinaries;
import org.mscluster.channel.WorkerExit;
import org.mscluster.channel.WorkerHost;
import org.mscluster.channel.inprocess.InProcessWorkerHost;
import org.mscluster.channel.process.ProcessWorkerHost;
import org.mscluster.channel.remote.LinkStats;
import org.mscluster.channel.remote.RemoteWorkerHost;
import org.mscluster.channel.remote.RemoteWorkerInfo;
import org.mscluster.mediasoup.errors.InvalidStateError;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.events.EventEmitter;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.transport.TransportFbs;
import org.mscluster.mediasoup.webrtcserver.WebRtcServer;
import org.mscluster.mediasoup.webrtcserver.WebRtcServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mediasoup worker, as the Node layer's {@code Worker}: created with {@link
 * Mediasoup#createWorker}, emits {@link #DIED} if it ends without being closed and {@link
 * #SUBPROCESS_CLOSE} once it has ended; its {@link #observer()} emits {@link #OBSERVER_CLOSE}.
 */
public final class Worker extends EventEmitter implements AutoCloseable {

    /** The worker ended without {@link #close()}: payload is the error describing how. */
    public static final EventType<MediasoupException> DIED = EventType.of("died");
    /** The worker's thread returned or its process exited, whatever the reason. */
    public static final EventType<Void> SUBPROCESS_CLOSE = EventType.of("subprocessclose");
    public static final EventType<Void> OBSERVER_CLOSE = EventType.of("close");
    public static final EventType<Router> NEW_ROUTER = EventType.of("newrouter");
    public static final EventType<WebRtcServer> NEW_WEBRTC_SERVER = EventType.of("newwebrtcserver");

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** How long a closed child process may take to exit before it is killed. */
    private static final long CLOSE_GRACE_MS = 5_000;

    private final WorkerSettings settings;
    private final Channel channel;
    private final EventEmitter observer = new EventEmitter();
    private final CompletableFuture<Worker> started = new CompletableFuture<>();
    private final CompletableFuture<WorkerExit> subprocessClosed = new CompletableFuture<>();
    private final Set<Router> routers = ConcurrentHashMap.newKeySet();
    private final Set<WebRtcServer> webRtcServers = ConcurrentHashMap.newKeySet();
    private Map<String, Object> appData;
    private volatile boolean closed;
    private volatile boolean died;

    public Worker(WorkerSettings settings, NativeBinaries binaries) {
        this.settings = settings;
        this.appData = settings.appData();
        List<String> args = settings.toArgs();
        String version = MediasoupVersion.get();
        this.channel = new Channel("worker", sink -> switch (settings.mode()) {
            case IN_PROCESS -> InProcessWorkerHost.start(binaries, args, version, sink);
            case PROCESS -> ProcessWorkerHost.start(binaries, args, version, sink);
            case REMOTE -> RemoteWorkerHost.start(settings.remote().toLink(), args, version, sink);
        }, ChannelErrorMapping::toApiError);
        channel.running().thenRun(() -> started.complete(this));
        channel.host().exit().whenComplete((exit, error) -> onExit(exit == null ? new WorkerExit(-1, null) : exit));
    }

    /** Completes with this worker once it runs; fails if it ends first (bad settings: {@link TypeError}). */
    public CompletableFuture<Worker> started() {
        return started;
    }

    private void onExit(WorkerExit exit) {
        // The process (or thread) is gone before anyone hears of it: listeners of died see subprocessClosed.
        subprocessClosed.complete(exit);
        if (!started.isDone()) {
            MediasoupException failure = exit.code() == WorkerExit.SETTINGS_ERROR && exit.signal() == null
                    ? new TypeError("wrong settings " + settings.toArgs() + ": the worker refused them ("
                            + exit.describe() + ")" + stderrHint())
                    : new MediasoupException("worker failed to start [pid:" + pid() + ", " + exit.describe() + "]" + stderrHint());
            LOG.error("{}", failure.getMessage());
            closed = true;
            channel.close();
            started.completeExceptionally(failure);
        } else if (!closed) {
            MediasoupException error = new MediasoupException("worker died unexpectedly [pid:" + pid() + ", " + exit.describe() + "]" + stderrHint());
            LOG.error("{}", error.getMessage());
            workerDied(error);
        }
        emit(SUBPROCESS_CLOSE);
    }

    /** What the worker said before it ended: its stderr (process) or its last error log line (in-process). */
    private String stderrHint() {
        if (channel.host() instanceof ProcessWorkerHost process) {
            List<String> tail = process.stderrTail();
            if (!tail.isEmpty()) {
                return ": " + String.join(" | ", tail);
            }
        }
        String lastError = channel.lastErrorLog();
        return lastError == null ? "" : ": " + lastError;
    }

    private void workerDied(MediasoupException error) {
        if (closed) {
            return;
        }
        closed = true;
        died = true;
        channel.close();
        closeChildren();
        emit(DIED, error);
        observer.emit(OBSERVER_CLOSE);
    }

    public long pid() {
        return channel.host().pid();
    }

    public WorkerMode mode() {
        return settings.mode();
    }

    /**
     * For a {@link WorkerMode#REMOTE} worker: which media host runs it, its slot and process id there,
     * where its WebRTC server is to listen and be announced, and its link's figures now. Empty for a
     * local worker, and for a remote one that never got to run.
     */
    public java.util.Optional<RemoteWorker> remote() {
        if (!(channel.host() instanceof RemoteWorkerHost remoteHost) || remoteHost.info() == null) {
            return java.util.Optional.empty();
        }
        RemoteWorkerInfo info = remoteHost.info();
        LinkStats stats = remoteHost.stats();
        return java.util.Optional.of(new RemoteWorker(info.hostId(), info.address(), info.slot(), info.pid(), info.listenIp(),
                info.announcedIp(), info.rtcPort(), stats.rttNanos(), stats.workerCpuNanos(), stats.workerResidentBytes(),
                stats.bytesSent(), stats.bytesReceived()));
    }

    /**
     * The thread running this worker when it runs in this JVM ({@link WorkerMode#IN_PROCESS}): its CPU time
     * is the worker's. Empty for a worker in a process of its own.
     */
    public java.util.Optional<Thread> thread() {
        return channel.host().workerThread();
    }

    public boolean closed() {
        return closed;
    }

    public boolean died() {
        return died;
    }

    public boolean subprocessClosed() {
        return subprocessClosed.isDone();
    }

    /** Completes when the worker's thread returned or its process exited. */
    public CompletableFuture<WorkerExit> whenSubprocessClosed() {
        return subprocessClosed;
    }

    public Map<String, Object> appData() {
        return appData;
    }

    public void setAppData(Map<String, Object> appData) {
        this.appData = appData;
    }

    public EventEmitter observer() {
        return observer;
    }

    /** The channel to this worker, for the API classes built on it. */
    public Channel channel() {
        return channel;
    }

    /** Closes the worker and, as the Node layer does, everything in it; returns at once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeChildren();
        try {
            channel.notifyLast(Event.WORKER_CLOSE, null);
        } catch (MediasoupException e) {
            LOG.debug("worker {} was already gone at close: {}", pid(), e.getMessage());
        }
        channel.close();
        observer.emit(OBSERVER_CLOSE);
        WorkerHost host = channel.host();
        if (mode() != WorkerMode.IN_PROCESS) {
            subprocessClosed.orTimeout(CLOSE_GRACE_MS, TimeUnit.MILLISECONDS).exceptionally(timeout -> {
                LOG.warn("worker {} did not exit within {} ms of closing: killing it", pid(), CLOSE_GRACE_MS);
                host.kill();
                return null;
            });
        }
    }

    /** Tells its routers and WebRtcServers that the worker closed them with itself. */
    private void closeChildren() {
        for (Router router : List.copyOf(routers)) {
            router.workerClosed();
        }
        routers.clear();
        for (WebRtcServer webRtcServer : List.copyOf(webRtcServers)) {
            webRtcServer.workerClosed();
        }
        webRtcServers.clear();
    }

    /** Its open routers, for tests (Node's {@code routersForTesting}). */
    public Set<Router> routersForTesting() {
        return routers;
    }

    /** Its open WebRtcServers, for tests (Node's {@code webRtcServersForTesting}). */
    public Set<WebRtcServer> webRtcServersForTesting() {
        return webRtcServers;
    }

    /**
     * Creates a router with the given media codecs. Fails with {@link TypeError} or {@link
     * org.mscluster.mediasoup.errors.UnsupportedError} for codecs ortc refuses, with {@link InvalidStateError}
     * once the worker is closed.
     */
    public CompletableFuture<Router> createRouter(RouterOptions options) {
        RouterOptions given = options == null ? RouterOptions.empty() : options;
        RtpCapabilities rtpCapabilities;
        try {
            rtpCapabilities = Ortc.generateRouterRtpCapabilities(given.mediaCodecs());
        } catch (MediasoupException e) {
            return CompletableFuture.failedFuture(e);
        }
        String routerId = UUID.randomUUID().toString();
        return channel.request(Method.WORKER_CREATE_ROUTER, null, FBS.Request.Body.Worker_CreateRouterRequest,
                builder -> CreateRouterRequest.createCreateRouterRequest(builder, builder.createString(routerId)))
                .thenApply(response -> {
                    Router router = new Router(routerId, rtpCapabilities, channel, given.appData());
                    routers.add(router);
                    router.on(Router.INTERNAL_CLOSE, nothing -> routers.remove(router));
                    observer.emit(NEW_ROUTER, router);
                    // Closed while the worker was creating it: the worker closed the router too.
                    if (closed) {
                        routers.remove(router);
                        router.workerClosed();
                    }
                    return router;
                });
    }

    public CompletableFuture<Router> createRouter() {
        return createRouter(RouterOptions.empty());
    }

    /** Creates a WebRtcServer listening on the given addresses (refused by the worker if one is taken). */
    public CompletableFuture<WebRtcServer> createWebRtcServer(WebRtcServerOptions options) {
        if (options == null || options.listenInfos() == null) {
            return CompletableFuture.failedFuture(new TypeError("listenInfos must be an array"));
        }
        String webRtcServerId = UUID.randomUUID().toString();
        return channel.request(Method.WORKER_CREATE_WEBRTCSERVER, null, FBS.Request.Body.Worker_CreateWebRtcServerRequest,
                builder -> {
                    int[] infos = TransportFbs.listenInfos(builder, options.listenInfos());
                    int id = builder.createString(webRtcServerId);
                    return CreateWebRtcServerRequest.createCreateWebRtcServerRequest(builder, id,
                            CreateWebRtcServerRequest.createListenInfosVector(builder, infos));
                })
                .thenApply(response -> {
                    WebRtcServer webRtcServer = new WebRtcServer(webRtcServerId, channel, options.appData());
                    webRtcServers.add(webRtcServer);
                    webRtcServer.on(WebRtcServer.INTERNAL_CLOSE, nothing -> webRtcServers.remove(webRtcServer));
                    observer.emit(NEW_WEBRTC_SERVER, webRtcServer);
                    if (closed) {
                        webRtcServers.remove(webRtcServer);
                        webRtcServer.workerClosed();
                    }
                    return webRtcServer;
                });
    }

    public CompletableFuture<WorkerDump> dump() {
        return channel.request(Method.WORKER_DUMP, null).thenApply(response -> {
            DumpResponse dump = (DumpResponse) response.body(new DumpResponse());
            ChannelMessageHandlers handlers = dump.channelMessageHandlers();
            return new WorkerDump(
                    dump.pid(),
                    strings(dump.webRtcServerIdsLength(), dump::webRtcServerIds),
                    strings(dump.routerIdsLength(), dump::routerIds),
                    new WorkerDump.ChannelMessageHandlers(
                            strings(handlers.channelRequestHandlersLength(), handlers::channelRequestHandlers),
                            strings(handlers.channelNotificationHandlersLength(), handlers::channelNotificationHandlers)));
        });
    }

    public CompletableFuture<WorkerResourceUsage> getResourceUsage() {
        return channel.request(Method.WORKER_GET_RESOURCE_USAGE, null).thenApply(response -> {
            ResourceUsageResponse ru = (ResourceUsageResponse) response.body(new ResourceUsageResponse());
            return new WorkerResourceUsage(ru.ruUtime(), ru.ruStime(), ru.ruMaxrss(), ru.ruIxrss(), ru.ruIdrss(),
                    ru.ruIsrss(), ru.ruMinflt(), ru.ruMajflt(), ru.ruNswap(), ru.ruInblock(), ru.ruOublock(),
                    ru.ruMsgsnd(), ru.ruMsgrcv(), ru.ruNsignals(), ru.ruNvcsw(), ru.ruNivcsw());
        });
    }

    public CompletableFuture<Void> updateSettings(WorkerUpdateableSettings update) {
        if (closed) {
            return CompletableFuture.failedFuture(new InvalidStateError("Worker closed"));
        }
        return channel.request(Method.WORKER_UPDATE_SETTINGS, null, FBS.Request.Body.Worker_UpdateSettingsRequest, builder -> {
            int level = update.logLevel() == null ? 0 : builder.createString(update.logLevel().value());
            int tags = 0;
            if (update.logTags() != null) {
                int[] offsets = update.logTags().stream().mapToInt(tag -> builder.createString(tag.value())).toArray();
                tags = UpdateSettingsRequest.createLogTagsVector(builder, offsets);
            }
            return UpdateSettingsRequest.createUpdateSettingsRequest(builder, level, tags);
        }).thenApply(response -> null);
    }

    static List<String> strings(int length, IntFunction<String> element) {
        List<String> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(element.apply(i));
        }
        return List.copyOf(list);
    }
}
