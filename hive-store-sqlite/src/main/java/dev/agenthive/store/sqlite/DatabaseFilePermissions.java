package dev.agenthive.store.sqlite;

import dev.agenthive.api.error.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the database private to its owner: a new database file is created {@code rw-------} before
 * SQLite opens it, and SQLite gives its {@code -wal} and {@code -shm} files the database file's
 * permissions (the unix VFS copies the database's mode onto the journal, WAL and shared-memory files
 * it creates), so the whole database is unreadable to group and others whatever the umask. An
 * existing database with looser permissions is left as its owner set it, with one warning naming
 * the file and its mode. On a file system without POSIX permissions nothing is done.
 */
final class DatabaseFilePermissions {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFilePermissions.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DatabaseFilePermissions() {
    }

    /**
     * Creates the database file owner-only if it does not exist yet, or warns when an existing one
     * (or its {@code -wal} or {@code -shm} file) can be read or written by group or others.
     *
     * @throws StorageUnavailableException the file cannot be created
     */
    static void createPrivate(Path database) {
        if (!database.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(database, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            // The umask may have taken more than group and others' bits; the owner needs read and write.
            Files.setPosixFilePermissions(database, OWNER_ONLY);
            return;
        } catch (FileAlreadyExistsException existing) {
            // Another process, or an earlier run, created it: look at what it has.
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot create the database file " + database + ": " + e.getMessage(), e);
        }
        for (Path file : List.of(database, sibling(database, "-wal"), sibling(database, "-shm"))) {
            warnIfShared(file);
        }
    }

    private static Path sibling(Path database, String suffix) {
        return database.resolveSibling(database.getFileName() + suffix);
    }

    private static void warnIfShared(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException absentOrUnknown) {
            return;
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            LOG.warn("{} has permissions {}: group or others can read or change the hive's state; "
                    + "chmod 600 it (with its -wal and -shm files) unless they should", file,
                    PosixFilePermissions.toString(permissions));
        }
    }
}
