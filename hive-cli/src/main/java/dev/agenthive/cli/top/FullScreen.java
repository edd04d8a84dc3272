package dev.agenthive.cli.top;

import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The view full-screen on the process's terminal, like {@code top}: the alternate screen buffer, so the
 * shell's screen comes back on exit; raw mode, so {@code q} quits without Enter; and JLine's
 * {@link Display}, which rewrites only what changed, so refreshes do not flicker. The terminal is
 * restored however the view ends: {@code q}, Ctrl-C, the last iteration, an error, or the JVM being
 * asked to stop.
 */
final class FullScreen {
    /** How long a wait for a key lasts at most, so Ctrl-C and resizes are acted on promptly. */
    private static final long KEY_WAIT_MILLIS = 100;
    private static final int CTRL_C = 3;
    private static final String FOOTER = "q quits";

    private final Terminal terminal;
    private final Attributes original;
    private final AtomicBoolean restored = new AtomicBoolean();

    private FullScreen(Terminal terminal, Attributes original) {
        this.terminal = terminal;
        this.original = original;
    }

    /**
     * Shows a frame from {@code sampler} every {@code refresh} until a quit key, Ctrl-C, or
     * {@code iterations} frames (each left on screen for its refresh).
     *
     * @return {@code false}, having shown nothing, when the terminal cannot address its screen (a dumb terminal)
     */
    static boolean show(TopSampler sampler, Duration refresh, OptionalInt iterations)
            throws IOException, InterruptedException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
                return false;
            }
            AtomicBoolean quit = new AtomicBoolean();
            AtomicBoolean resized = new AtomicBoolean();
            Terminal.SignalHandler previousInterrupt = terminal.handle(Terminal.Signal.INT, signal -> quit.set(true));
            Terminal.SignalHandler previousResize = terminal.handle(Terminal.Signal.WINCH, signal -> resized.set(true));
            FullScreen screen = new FullScreen(terminal, terminal.enterRawMode());
            Thread restoreOnExit = new Thread(screen::restore, "hive-top-restore");
            Runtime.getRuntime().addShutdownHook(restoreOnExit);
            try {
                screen.enter();
                screen.loop(sampler, refresh, iterations, quit, resized);
            } finally {
                screen.restore();
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
                terminal.handle(Terminal.Signal.INT, previousInterrupt);
                terminal.handle(Terminal.Signal.WINCH, previousResize);
            }
            return true;
        }
    }

    private void enter() {
        terminal.puts(Capability.enter_ca_mode);
        // Also homes the cursor: the alternate screen keeps it where the shell left it, and the display
        // draws from the cursor, so a frame would start a line down and the next ones leave that line stale.
        terminal.puts(Capability.clear_screen);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
    }

    private void loop(TopSampler sampler, Duration refresh, OptionalInt iterations, AtomicBoolean quit,
                      AtomicBoolean resized) throws IOException {
        Display display = new Display(terminal, true);
        NonBlockingReader keys = terminal.reader();
        long refreshNanos = refresh.toNanos();
        long nextFrame = System.nanoTime();
        TopSnapshot shown = null;
        int frames = 0;
        while (!quit.get()) {
            long untilNext = nextFrame - System.nanoTime();
            if (untilNext <= 0) {
                if (iterations.isPresent() && frames == iterations.getAsInt()) {
                    return;
                }
                shown = sampler.next();
                frames++;
                draw(display, shown);
                // A refresh slower than the interval starts the next one at once, never several in a row.
                nextFrame = Math.max(nextFrame + refreshNanos, System.nanoTime());
                untilNext = nextFrame - System.nanoTime();
            } else if (resized.getAndSet(false)) {
                draw(display, shown);
            }
            int key = keys.read(Math.max(1, Math.min(KEY_WAIT_MILLIS, TimeUnit.NANOSECONDS.toMillis(untilNext))));
            if (key == 'q' || key == 'Q' || key == CTRL_C || key == NonBlockingReader.EOF) {
                return;
            }
        }
    }

    /** The snapshot's lines cut to the terminal's rows, the last one left for the footer. */
    private void draw(Display display, TopSnapshot snapshot) {
        Size size = terminal.getSize();
        int rows = size.getRows() > 0 ? size.getRows() : 24;
        int columns = size.getColumns() > 0 ? size.getColumns() : 80;
        display.resize(rows, columns);
        List<String> lines = TopRenderer.render(snapshot, columns);
        List<AttributedString> screen = new ArrayList<>(rows);
        for (String line : lines.subList(0, Math.min(lines.size(), rows - 1))) {
            screen.add(new AttributedString(line));
        }
        screen.add(new AttributedString(FOOTER.length() <= columns ? FOOTER : ""));
        display.update(screen, 0);
        terminal.flush();
    }

    /** Leaves the alternate screen and raw mode; once, whoever calls first (the view or the shutdown hook). */
    private void restore() {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        terminal.puts(Capability.cursor_visible);
        if (!terminal.puts(Capability.exit_ca_mode)) {
            terminal.puts(Capability.clear_screen);
        }
        terminal.flush();
        terminal.setAttributes(original);
    }
}
