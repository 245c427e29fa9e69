package io.jamesbounce.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's {@code chromium}, headless, driven over the Chrome DevTools Protocol on one WebSocket with
 * the JDK's own client: navigate, evaluate script in the page, capture a screenshot, and collect what
 * the page reports as errors (console errors, uncaught exceptions, failed loads). No driver to install
 * beside the browser.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> loads = new CopyOnWriteArrayList<>();
    private final String session;

    /** The browser's path, if the machine has one. */
    static Optional<Path> installed() {
        return List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream().map(Path::of)
            .filter(Files::isExecutable).findFirst();
    }

    static HeadlessChromium start(Path browser, int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile-");
        Process process = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-extensions", "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
            "about:blank").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String endpoint = null;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        StringBuilder seen = new StringBuilder();
        for (String line; endpoint == null && System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                endpoint = m.group(1);
            }
        }
        if (endpoint == null) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not open its DevTools endpoint:\n" + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // the browser's own log: not the page's
                }
            } catch (IOException e) {
                // the browser stopped
            }
        }, "chromium-output");
        drain.setDaemon(true);
        drain.start();
        return new HeadlessChromium(process, profile, endpoint);
    }

    private HeadlessChromium(Process process, Path profile, String endpoint) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(endpoint), new Listener())
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        this.session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
        call(session, "Page.enable", Map.of());
        call(session, "Runtime.enable", Map.of());
        call(session, "Log.enable", Map.of());
    }

    /** Opens the page and waits for its load event. */
    void navigate(String url) throws Exception {
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        loads.removeIf(CompletableFuture::isDone);
        loads.add(loaded);
        JsonNode result = call(session, "Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("navigating to " + url + ": " + result.path("errorText").asText());
        }
        loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The value of a script run in the page (a promise awaited), as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("the script threw: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Polls a script until it is true. */
    void awaitTrue(String what, String expression) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (evaluate(expression).asBoolean(false)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("in the page, never true: " + what + " (" + expression + ")");
    }

    /** The page as a phone shows it (or a screen of that size): width and height in CSS pixels. */
    void viewport(int width, int height, boolean mobile) throws Exception {
        call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", mobile ? 2 : 1,
            "mobile", mobile));
    }

    void screenshot(Path file) throws Exception {
        JsonNode shot = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /** What the page reported as errors since it was opened. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private JsonNode call(String sessionId, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.path("error"));
        }
        return reply.path("result");
    }

    private void received(String text) throws IOException {
        JsonNode message = JSON.readTree(text);
        if (message.has("id")) {
            Optional.ofNullable(pending.remove(message.path("id").asInt())).ifPresent(f -> f.complete(message));
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Page.loadEventFired" -> loads.forEach(f -> f.complete(null));
            case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails").path("exception")
                .path("description").asText(params.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                if (params.path("type").asText().equals("error")) {
                    errors.add("console.error: " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (params.path("entry").path("level").asText().equals("error")) {
                    errors.add("log: " + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText());
                }
            }
            default -> {
                // other events: not needed
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException e) {
            // closing anyway
        }
        // its renderer and network processes too: they write to the profile until they exit
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            child.destroy();
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                child.destroyForcibly();
            }
        }
        try (var files = Files.walk(profile)) {
            List<Path> all = new ArrayList<>(files.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary profile left behind is no failure (a file that went while it was listed, too)
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    received(text);
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
