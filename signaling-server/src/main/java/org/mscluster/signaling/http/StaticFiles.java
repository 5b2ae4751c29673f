package org.mscluster.signaling.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web client's files, from a directory or, by default, from {@code web/} on the class path
 * (where the Maven build puts the esbuild bundle). Files are small and few, so they are kept in
 * memory after the first read; a directory is read fresh every time, so a developer can edit and reload.
 */
public final class StaticFiles {

    /** A file's bytes and the content type its extension implies. */
    public record StaticFile(byte[] content, String contentType) {
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final Path directory;
    private final String classPathPrefix;
    private final Map<String, Optional<StaticFile>> cache = new ConcurrentHashMap<>();

    private StaticFiles(Path directory, String classPathPrefix) {
        this.directory = directory;
        this.classPathPrefix = classPathPrefix;
    }

    public static StaticFiles fromClassPath(String prefix) {
        return new StaticFiles(null, prefix.endsWith("/") ? prefix : prefix + "/");
    }

    public static StaticFiles fromDirectory(Path directory) {
        return new StaticFiles(directory.toAbsolutePath().normalize(), null);
    }

    /** The file for a URL path; {@code /} is {@code index.html}. Empty for anything outside the root. */
    public Optional<StaticFile> find(String urlPath) {
        String relative = urlPath.startsWith("/") ? urlPath.substring(1) : urlPath;
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative = relative + "index.html";
        }
        if (relative.contains("..") || relative.contains("\\") || relative.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return directory != null ? readFile(relative) : cache.computeIfAbsent(relative, this::readResource);
    }

    private Optional<StaticFile> readFile(String relative) {
        Path file = directory.resolve(relative).normalize();
        if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StaticFile(Files.readAllBytes(file), contentType(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<StaticFile> readResource(String relative) {
        URL url = StaticFiles.class.getClassLoader().getResource(classPathPrefix + relative);
        if (url == null || url.getPath().endsWith("/")) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(new StaticFile(in.readAllBytes(), contentType(relative)));
        } catch (IOException e) {
            // A directory entry of a jar opens as a stream on some JDKs and fails on others: not a file either way.
            return Optional.empty();
        }
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
