package org.mscluster.signaling.egress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ffmpeg command line of one egress segment. Two shapes:
 *
 * <ul>
 *   <li><b>passthrough</b> (one peer or chosen producers, at most one video and one audio): streams are
 *       copied where the container takes the codec (VP8/VP9/opus into WebM/MKV, H264 into FLV/MP4/MKV),
 *       encoded otherwise (H264/AAC for RTMP and MP4, VP8/opus for WebM);
 *   <li><b>composite</b> (the whole room, or several videos or voices): up to {@link #MAX_VIDEOS} videos
 *       on a 1280x720 canvas (a grid, or the speaker large beside a column of everyone, following the speaker
 *       within the segment: {@link #speakerSwitch}) and every voice
 *       mixed, encoded H264/AAC (VP8/opus into WebM). With no video the canvas is black; with no voice the
 *       audio is silence, so players always find both streams.
 * </ul>
 */
public final class FfmpegCommand {

    public static final int MAX_VIDEOS = 9;
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final int FPS = 25;
    /** One peer's video encoded on its own keeps a camera's usual rate: resampling 30 to 25 fps moves frames by up to 40 ms. */
    static final int PASSTHROUGH_FPS = 30;
    /** Names of the speaker layout's overlays: {@code overlay@big<k>}, {@code overlay@small<k>}. */
    private static final String BIG = "big";
    private static final String SMALL = "small";

    private FfmpegCommand() {
    }

    /** Whether these tracks of this request need a composite (decoding and encoding everything). */
    public static boolean composite(EgressRequest request, List<Track> tracks) {
        long videos = tracks.stream().filter(Track::video).count();
        return request.wholeRoom() || videos > 1 || tracks.size() - videos > 1 || tracks.isEmpty();
    }

    /**
     * @param target the RTMP URL or the file to write
     * @param speaker the index among the video tracks of the one shown large by the speaker layout
     */
    public static List<String> of(String ffmpeg, EgressRequest request, List<Track> tracks, Path sdp, String target,
            int speaker) {
        // Timestamps from the arrival of each packet: one clock for every stream from the first packet on. RTP
        // timestamps would need the RTCP sender reports to line streams up, and ffmpeg re-aligns a stream at each
        // report, so a sender whose reports are off by a few tens of ms makes its voice jump against its picture.
        List<String> args = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "info", "-stats_period", "5"));
        if (!tracks.isEmpty()) {
            args.addAll(List.of("-protocol_whitelist", "file,udp,rtp", "-fflags", "+genpts", "-analyzeduration", "3000000",
                    "-probesize", "5000000", "-reorder_queue_size", "64", "-use_wallclock_as_timestamps", "1", "-i",
                    sdp.toString()));
        }
        boolean webm = "webm".equals(request.format());
        if (composite(request, tracks)) {
            composite(args, tracks, request.layout(), speaker, webm);
        } else {
            passthrough(args, request, tracks, webm);
        }
        output(args, request, target);
        return args;
    }

    private static void passthrough(List<String> args, EgressRequest request, List<Track> tracks, boolean webm) {
        for (int i = 0; i < tracks.size(); i++) {
            args.addAll(List.of("-map", "0:" + i));
        }
        for (Track track : tracks) {
            String codec = track.codec();
            if (track.video()) {
                boolean copy = switch (request.format()) {
                    case "webm" -> codec.equals("vp8") || codec.equals("vp9");
                    case "mkv" -> true;
                    default -> codec.equals("h264");
                };
                if (copy) {
                    args.addAll(List.of("-c:v", "copy"));
                } else {
                    // A constant rate: RTP's 90 kHz clock would otherwise be taken as the frame rate.
                    args.addAll(List.of("-vf", "fps=" + PASSTHROUGH_FPS));
                    videoEncoder(args, webm, PASSTHROUGH_FPS);
                }
            } else {
                boolean copy = codec.equals("opus") && (webm || "mkv".equals(request.format()));
                if (copy) {
                    args.addAll(List.of("-c:a", "copy"));
                } else {
                    audioEncoder(args, webm);
                }
            }
        }
    }

    private static void composite(List<String> args, List<Track> tracks, String layout, int speaker, boolean webm) {
        List<Integer> videos = new ArrayList<>();
        List<Integer> audios = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            (tracks.get(i).video() ? videos : audios).add(i);
        }
        if (videos.size() > MAX_VIDEOS) {
            videos = videos.subList(0, MAX_VIDEOS);
        }
        // Input 0 is the SDP of the room's streams, when there are any.
        int nextInput = tracks.isEmpty() ? 0 : 1;
        String blackInput = null;
        if (videos.isEmpty()) {
            args.addAll(List.of("-re", "-f", "lavfi", "-i", "color=c=black:s=" + WIDTH + "x" + HEIGHT + ":r=" + FPS));
            blackInput = nextInput++ + ":v";
        }
        String silentInput = null;
        if (audios.isEmpty()) {
            args.addAll(List.of("-re", "-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo"));
            silentInput = nextInput + ":a";
        }
        StringBuilder graph = new StringBuilder();
        if (blackInput != null) {
            graph.append('[').append(blackInput).append("]null[vout];");
        } else if ("speaker".equals(layout) && videos.size() > 1) {
            speaker(graph, videos, Math.max(0, Math.min(speaker, videos.size() - 1)));
        } else {
            List<int[]> tiles = gridTiles(videos.size());
            for (int k = 0; k < videos.size(); k++) {
                int[] tile = tiles.get(k);
                graph.append("[0:").append(videos.get(k)).append("]scale=").append(tile[2]).append(':').append(tile[3])
                        .append(":force_original_aspect_ratio=decrease,pad=").append(tile[2]).append(':').append(tile[3])
                        .append(":(ow-iw)/2:(oh-ih)/2,setsar=1,fps=").append(FPS).append("[v").append(k).append("];");
            }
            // A canvas first, so the tiles need not cover it; xstack needs two inputs at least.
            graph.append("color=c=black:s=").append(WIDTH).append('x').append(HEIGHT).append(":r=").append(FPS)
                    .append("[bg];");
            String last = "bg";
            for (int k = 0; k < videos.size(); k++) {
                int[] tile = tiles.get(k);
                String out = k == videos.size() - 1 ? "vout" : "o" + k;
                graph.append('[').append(last).append("][v").append(k).append("]overlay=x=").append(tile[0]).append(":y=")
                        .append(tile[1]).append(":eof_action=pass:shortest=0[").append(out).append("];");
                last = out;
            }
        }
        if (silentInput != null) {
            graph.append('[').append(silentInput).append("]anull[aout]");
        } else if (audios.size() == 1) {
            graph.append("[0:").append(audios.get(0)).append("]aresample=async=1000[aout]");
        } else {
            for (int a : audios) {
                graph.append("[0:").append(a).append(']');
            }
            graph.append("amix=inputs=").append(audios.size()).append(":duration=longest:normalize=0,aresample=async=1000[aout]");
        }
        args.addAll(List.of("-filter_complex", graph.toString(), "-map", "[vout]", "-map", "[aout]"));
        videoEncoder(args, webm, FPS);
        audioEncoder(args, webm);
    }

    /** {x, y, w, h} of each of {@code n} videos in a grid of about square cells. */
    static List<int[]> gridTiles(int n) {
        int columns = (int) Math.ceil(Math.sqrt(n));
        int rows = (int) Math.ceil(n / (double) columns);
        int w = even(WIDTH / columns);
        int h = even(HEIGHT / rows);
        List<int[]> tiles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tiles.add(new int[] {(i % columns) * w, (i / columns) * h, w, h});
        }
        return tiles;
    }

    /**
     * The speaker layout: every video twice, large in the left three quarters (shown for the speaker only:
     * {@code overlay@big<k>}, {@code enable} 1 or 0) and small in a column on the right (everyone, the speaker
     * too, so no tile moves when the speaker changes). Another speaker is then two commands to the running
     * ffmpeg ({@link #speakerSwitch}), not a new segment.
     */
    private static void speaker(StringBuilder graph, List<Integer> videos, int speaker) {
        List<int[]> tiles = speakerTiles(videos.size());
        int[] main = tiles.get(0);
        for (int k = 0; k < videos.size(); k++) {
            int[] small = tiles.get(k + 1);
            // The rate is set in each branch, after scaling: an fps filter before the split stalls the whole graph for
            // good when a video starts later than another (seen with ffmpeg 5.1).
            graph.append("[0:").append(videos.get(k)).append("]split[b").append(k).append("][s").append(k).append("];");
            fit(graph, "b" + k, main, "vb" + k);
            fit(graph, "s" + k, small, "vs" + k);
        }
        graph.append("color=c=black:s=").append(WIDTH).append('x').append(HEIGHT).append(":r=").append(FPS).append("[bg];");
        String last = "bg";
        for (int k = 0; k < 2 * videos.size(); k++) {
            boolean big = k < videos.size();
            int index = big ? k : k - videos.size();
            int[] tile = big ? main : tiles.get(index + 1);
            String out = k == 2 * videos.size() - 1 ? "vout" : "o" + k;
            graph.append('[').append(last).append("][").append(big ? "vb" : "vs").append(index).append("]overlay@")
                    .append(big ? BIG : SMALL).append(index).append("=x=").append(tile[0]).append(":y=").append(tile[1])
                    .append(":eof_action=pass:shortest=0");
            if (big) {
                graph.append(":enable=").append(index == speaker ? 1 : 0);
            }
            graph.append('[').append(out).append("];");
            last = out;
        }
    }

    private static void fit(StringBuilder graph, String in, int[] tile, String out) {
        graph.append('[').append(in).append("]scale=").append(tile[2]).append(':').append(tile[3])
                .append(":force_original_aspect_ratio=decrease,pad=").append(tile[2]).append(':').append(tile[3])
                .append(":(ow-iw)/2:(oh-ih)/2,setsar=1,fps=").append(FPS).append('[').append(out).append("];");
    }

    /**
     * {x, y, w, h} of the speaker layout's large tile (first), then of each of {@code n} videos' small
     * tiles in the right-hand column.
     */
    static List<int[]> speakerTiles(int n) {
        int mainWidth = WIDTH * 3 / 4;
        int side = WIDTH - mainWidth;
        int h = even(Math.min(HEIGHT / n, side * 9 / 16));
        List<int[]> tiles = new ArrayList<>();
        tiles.add(new int[] {0, 0, mainWidth, HEIGHT});
        for (int i = 0; i < n; i++) {
            tiles.add(new int[] {mainWidth, i * h, side, h});
        }
        return tiles;
    }

    /**
     * The commands that move the speaker layout's large picture from video {@code from} to video {@code to}
     * (indexes among the segment's videos): {target, command, argument} each, the new one shown first so
     * the picture is never empty.
     */
    static List<String[]> speakerSwitch(int from, int to) {
        return List.of(new String[] {"overlay@" + BIG + to, "enable", "1"}, new String[] {"overlay@" + BIG + from, "enable", "0"});
    }

    private static int even(int n) {
        return n - n % 2;
    }

    private static void videoEncoder(List<String> args, boolean webm, int fps) {
        if (webm) {
            args.addAll(List.of("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "1500k",
                    "-g", String.valueOf(2 * fps)));
        } else {
            args.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                    "-b:v", "2000k", "-maxrate", "2500k", "-bufsize", "4000k", "-g", String.valueOf(2 * fps)));
        }
    }

    private static void audioEncoder(List<String> args, boolean webm) {
        if (webm) {
            args.addAll(List.of("-c:a", "libopus", "-b:a", "96k", "-ar", "48000", "-ac", "2"));
        } else {
            args.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2"));
        }
    }

    private static void output(List<String> args, EgressRequest request, String target) {
        // Written out at least every 2 s: an ffmpeg that has to be interrupted (its inputs went quiet) or killed
        // leaves a file that plays up to then.
        if (!"flv".equals(request.format())) {
            args.addAll(List.of("-flush_packets", "1"));
        }
        switch (request.format()) {
            case "flv" -> args.addAll(List.of("-flvflags", "no_duration_filesize", "-f", "flv", target));
            // Fragmented: a segment whose ffmpeg was killed still plays up to its last fragment.
            case "mp4" -> args.addAll(List.of("-movflags", "+frag_keyframe+empty_moov+default_base_moof",
                    "-frag_duration", "2000000", "-f", "mp4", "-y", target));
            case "webm" -> args.addAll(List.of("-cluster_time_limit", "2000", "-f", "webm", "-y", target));
            default -> args.addAll(List.of("-cluster_time_limit", "2000", "-f", "matroska", "-y", target));
        }
    }
}
