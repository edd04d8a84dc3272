package dev.agenthive.store.sqlite;

import dev.agenthive.api.cache.ChangeFeed;
import dev.agenthive.api.cache.ChangeListener;
import dev.agenthive.api.error.StorageUnavailableException;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link ChangeFeed} of the processes sharing one SQLite file, which are all on one machine: a
 * 64-bit counter at the start of a small file beside the database ({@code <database>-changes}, one
 * page, created owner-only), memory-mapped by every process. {@link #publish} adds one to it with an
 * atomic instruction, under a lock of this process so that it can tell its own increments from
 * others'; {@link #catchUp()} reads it once and, if it moved by increments that were not this
 * process's own, reports {@link ChangeListener#unknownChanges()}. Neither makes a system call or takes
 * a lock another process could hold. Atomic operations on a page several processes map act on the
 * same physical memory, coherent between processes as between threads (SQLite's WAL index,
 * {@code -shm}, is such a mapping too).
 *
 * <p>Visibility is immediate: {@code publish} has incremented the counter when it returns, so a
 * {@code catchUp} that starts after another process's {@code publish} returned reports it (the
 * argument is at {@link #catchUp()}). Since {@code publish} is called after the write committed, the
 * reads that follow that {@code catchUp} see the write.
 *
 * <p>The counter carries no keys: <b>a write of another process drops this process's whole cache</b>.
 * Naming the keys would take a shared log of variable-length records that several processes append
 * to and read without a lock: torn records, a writer that dies in the middle of one, and wrap-around
 * that overtakes a slow reader would all need handling, on a path that runs before every cached read.
 * The counter cannot be torn or left half-written, costs one instruction each way, and is exactly
 * right for the usual embedded deployment of one process, where it never fires. With several
 * processes writing, each one's cache lives only until another writes; that trades hit ratio, never
 * correctness. The rest of the page is unused.
 *
 * <p>The counter's file lives and dies with the database's other files: deleting it while processes
 * have it mapped splits them into those that map the old file and those that create a new one, which
 * then no longer see each other's writes (as deleting {@code -shm} would break SQLite). Like WAL mode
 * itself it needs a local file system.
 */
final class SqliteChangeFeed implements ChangeFeed {
    static final String SUFFIX = "-changes";
    /** One page: mapping less is not possible, and the counter needs only eight bytes of it. */
    private static final int FILE_SIZE = 4096;
    private static final int COUNTER_OFFSET = 0;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final VarHandle COUNTER = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final Path file;
    private final MappedByteBuffer counter;
    /**
     * Held by this process's increments of the counter and by a catch-up's accounting, so that no
     * two of them interleave: an increment whose {@code getAndAdd} returns {@link #accounted} is then
     * certainly this process's own, and one that returns more had another process's below it. Never
     * held across a listener call, which may take locks of the caller's.
     */
    private final Object accounting = new Object();
    /**
     * Every increment of the counter below this value was this process's own or has been reported to
     * the listener, whose {@code unknownChanges} returned before this value passed it. Only grows.
     */
    private volatile long accounted;
    private volatile ChangeListener listener;
    private volatile boolean closed;

    private SqliteChangeFeed(Path file, MappedByteBuffer counter) {
        this.file = file;
        this.counter = counter;
        // What was published before this process came is no concern of its cache, which starts empty.
        this.accounted = (long) COUNTER.getVolatile(counter, COUNTER_OFFSET);
    }

    /**
     * Opens (creating it if needed) the counter beside the database. Fails rather than returning a
     * store without a feed: a process that writes without publishing would leave the other processes'
     * caches stale, and the store cannot work in a directory it cannot create files in anyway (its
     * locks, WAL and WAL index live there too). A database that several OS users share needs the
     * counter's permissions widened by hand, as the database's own.
     *
     * @throws StorageUnavailableException the counter file cannot be created, opened or mapped
     */
    static SqliteChangeFeed open(Path databaseFile) {
        Path file = databaseFile.resolveSibling(databaseFile.getFileName() + SUFFIX);
        try {
            createOwnerOnly(file);
            // The mapping outlives the channel (FileChannel.map): no file descriptor stays open.
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // Grows a new (or shorter) file to the full page; the new bytes are zero on every file system.
                return new SqliteChangeFeed(file, channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_SIZE));
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new StorageUnavailableException("cannot open " + file + ", the counter of changes that every process"
                    + " using " + databaseFile.getFileName() + " shares: " + e, e);
        }
    }

    /**
     * Creates the file readable and writable by its owner only, where the file system has POSIX
     * permissions; the umask can only take bits away, so the result is exactly that. An existing file
     * (another process's, made first) keeps its permissions.
     */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Made by another process or an earlier run: share it.
        }
    }

    /**
     * Adds one to the shared counter, making the change visible to the next {@link #catchUp()} of every
     * other process before this returns. The keys are not recorded (see the class comment); an empty
     * collection changes nothing and publishes nothing.
     */
    @Override
    public void publish(String region, Collection<String> keys) {
        Objects.requireNonNull(region, "region is null");
        if (keys.isEmpty()) {
            return;
        }
        increment();
    }

    /** Adds one to the shared counter, as {@link #publish} does: the counter names no keys either way. */
    @Override
    public void publishAll(String region) {
        Objects.requireNonNull(region, "region is null");
        increment();
    }

    private void increment() {
        synchronized (accounting) {
            // One LOCK XADD on the shared page: the increment from `position` to `position + 1` is this
            // call's alone, in this process and in every other.
            long position = (long) COUNTER.getAndAdd(counter, COUNTER_OFFSET, 1L);
            if (position == accounted) {
                accounted = position + 1;
            }
            // Otherwise another process incremented since this one last accounted (no thread of this
            // process can, under the lock): accounted stays below that increment until a catch-up reports
            // it, and with it this one (needlessly, but by then the cache was dropped anyway).
        }
    }

    /** Every process maps the same counter, so a publication is visible to the next catch-up anywhere. */
    @Override
    public boolean synchronous() {
        return true;
    }

    @Override
    public void listen(ChangeListener listener) {
        Objects.requireNonNull(listener, "listener is null");
        if (this.listener != null) {
            throw new IllegalStateException("the change feed of " + file + " has a listener already");
        }
        this.listener = listener;
    }

    /**
     * One volatile read of the shared counter when nothing changed. When it moved past what this
     * process accounted for, looks again under the lock (where no publication of this process is
     * half done) and, if another process's increment is still unaccounted for, reports
     * {@link ChangeListener#unknownChanges()}, then accounts for everything up to the value it read.
     * Catch-ups that run at once may each report the same change, but none returns before a report of
     * every change it saw has returned. Needless reports come only from such overlaps and from this
     * process's own increments made while a report was running, just after the cache was dropped anyway.
     *
     * <p>Why no change is missed: take another process's increment at value {@code p} whose
     * {@code publish} returned before this catch-up began. Every read of the counter here comes after
     * that increment, so it returns more than {@code p}. If it is above {@code accounted}, this call
     * reports. Otherwise {@code accounted > p}, and {@code accounted} passes an increment in two ways
     * only: {@link #publish} steps over the one increment its own {@code getAndAdd} made, never another
     * process's; a catch-up moves it only after its listener call returned, and that call began after
     * the catch-up read a counter value above {@code p}, so after {@code p}'s write had committed. The
     * volatile write of {@code accounted} after that call and the volatile read here make the call's
     * effect (the dropped cache) visible to this thread before it reads anything.
     */
    @Override
    public void catchUp() {
        if ((long) COUNTER.getVolatile(counter, COUNTER_OFFSET) <= accounted) {
            return;
        }
        ChangeListener target = listener;
        if (target == null || closed) {
            // Nobody to tell yet (the changes stay unaccounted for, so the first catch-up after listen
            // reports them), or nobody any more.
            return;
        }
        long now;
        synchronized (accounting) {
            now = (long) COUNTER.getVolatile(counter, COUNTER_OFFSET);
            if (now <= accounted) {
                // This process's own publication was half done, or another catch-up reported meanwhile.
                return;
            }
        }
        target.unknownChanges();
        synchronized (accounting) {
            if (now > accounted) {
                accounted = now;
            }
        }
    }

    /**
     * Stops handing changes to the listener. The mapping itself holds no file descriptor and goes
     * with the buffer; {@link #publish} keeps announcing, so a write that races the store's close is
     * still seen by the other processes.
     */
    @Override
    public void close() {
        closed = true;
    }
}
