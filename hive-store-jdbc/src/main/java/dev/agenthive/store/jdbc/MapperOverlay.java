package dev.agenthive.store.jdbc;

import java.net.URL;
import java.util.Objects;

/**
 * A directory of mapper XML with which a dialect replaces or supplies statements and SQL fragments
 * of the shared mappers. The file for a shared mapper is named after it ({@code TaskMapper.xml}),
 * declares the shared mapper's namespace, and holds only the elements it changes; a shared mapper
 * without a file in the directory is left as it is. See the package documentation for the rules.
 *
 * @param name        names the overlay in error messages, e.g. {@code "sqlite"}
 * @param classLoader loads the overlay's files
 * @param directory   the classpath directory of the files, e.g. {@code dev/agenthive/store/sqlite/mapper}
 */
public record MapperOverlay(String name, ClassLoader classLoader, String directory) {

    /**
     * The kit's upserts and insert-if-absent statements written with {@code INSERT ... ON CONFLICT},
     * for databases that have it (SQLite 3.24+, PostgreSQL 9.5+); a dialect whose database has it lists
     * this overlay before its own.
     */
    public static final MapperOverlay ON_CONFLICT = of("on-conflict", MapperOverlay.class, "onconflict");

    public MapperOverlay {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(classLoader, "classLoader is null");
        Objects.requireNonNull(directory, "directory is null");
    }

    /**
     * The overlay in {@code relativeDirectory} under the package of {@code anchor}, loaded by the
     * anchor's class loader, so that a plugin's overlay is found wherever the plugin is loaded from.
     */
    public static MapperOverlay of(String name, Class<?> anchor, String relativeDirectory) {
        return new MapperOverlay(name, anchor.getClassLoader(),
                anchor.getPackageName().replace('.', '/') + "/" + relativeDirectory);
    }

    /** The overlay's file for a shared mapper, or {@code null} if it leaves that mapper alone. */
    public URL fileFor(Class<?> sharedMapper) {
        return classLoader.getResource(directory + "/" + sharedMapper.getSimpleName() + ".xml");
    }
}
