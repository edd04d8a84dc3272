/**
 * The kit every SQL store of Agent Hive builds on: MyBatis mappers and the repositories over them,
 * type handlers, exception translation, the Flyway runner, the one retry loop
 * ({@link dev.agenthive.store.jdbc.Retry}), and the dialect hooks. A store supplies a
 * {@link dev.agenthive.store.jdbc.JdbcDialect} (what differs in SQL, types and error reports) and a
 * {@link dev.agenthive.store.jdbc.SqlExecutor} (how connections and transactions run) and gets every
 * repository port through {@link dev.agenthive.store.jdbc.JdbcHiveStore}. A store on a database server
 * takes its provider, pool, executor and store from {@link dev.agenthive.store.jdbc.server}; SQLite,
 * whose single writer and reader pool are its own, builds its executor itself.
 *
 * <h2>Shared SQL and what a dialect supplies</h2>
 * The shared mapper XML (next to each mapper interface) is written in SQL that SQLite, PostgreSQL,
 * MariaDB and MySQL all run, with two assumptions a dialect must meet or work around:
 * {@code INSERT}/{@code UPDATE ... RETURNING} (statements {@code TaskMapper.start}, {@code heartbeat},
 * {@code complete}, {@code fail}, {@code MessageMapper.insert}, {@code markDelivered},
 * {@code SharedMemoryMapper.update}), and row locks ({@code TaskMapper.existing} and {@code lock} take
 * {@code FOR UPDATE}, {@code MessageMapper.visible} {@code FOR UPDATE SKIP LOCKED}; a database without
 * row locks, like SQLite with its single writer, replaces them). Where no SQL is common to those
 * databases, the shared mapper leaves the element out and each dialect supplies it:
 * <ul>
 *   <li>JSON containment, as {@code <sql>} fragments with the rules of
 *       {@link dev.agenthive.api.json.Json}: {@code AgentMapper.hasCapability},
 *       {@code AgentMapper.configurationContains}, {@code EventMapper.detailsContain},
 *       {@code SharedMemoryMapper.metadataContains}, {@code TaskMapper.capable}; a database with only
 *       a looser test of its own lets the three {@code ...Contain...} fragments keep a superset and
 *       returns {@code false} from {@link dev.agenthive.store.jdbc.JdbcDialect#containmentIsExact()},
 *       and the repositories check each row with {@link dev.agenthive.store.jdbc.JsonContainment};</li>
 *   <li>upserts and inserts that do nothing when the key exists: {@code AgentMapper.upsert},
 *       {@code GitStateMapper.upsert}, {@code ProjectMapper.link}, {@code SharedMemoryMapper.upsert},
 *       {@code SnapshotContentMapper.insertIfAbsent}, {@code TaskMapper.insert},
 *       {@code BlobMapper.insertOrRenew}; the kit ships them
 *       for {@code INSERT ... ON CONFLICT} databases as
 *       {@link dev.agenthive.store.jdbc.MapperOverlay#ON_CONFLICT};</li>
 *   <li>the queue claim, {@code TaskMapper.claim}: one statement where the database allows, taking
 *       the first claimable tasks in queue order and skipping those other claimers hold.</li>
 * </ul>
 * The comment at the top of each shared mapper XML says what each of its hooks must do.
 *
 * <h2>Mapper overlays</h2>
 * MyBatis allows one XML per namespace, so a dialect cannot add a second {@code TaskMapper.xml}.
 * Instead it lists {@link dev.agenthive.store.jdbc.MapperOverlay}s in
 * {@link dev.agenthive.store.jdbc.JdbcDialect#overlays()}: directories in its own jar holding, for
 * each shared mapper it changes, a file of the same name ({@code TaskMapper.xml}) that declares the
 * shared namespace and holds only the changed elements. When the statements are parsed
 * ({@link dev.agenthive.store.jdbc.MapperCatalog}, once per provider), each shared mapper's XML is
 * put together with the overlays in order before MyBatis reads it: an element replaces the shared
 * (or an earlier overlay's) element of the same id, any statement tag standing for any other, or
 * supplies a hook; it may add {@code <sql>} fragments and result maps of its own for its statements.
 * Because the result is one XML per namespace, the repositories call the same mapper methods on
 * every database. Building fails, naming the overlay and element, when a statement matches no mapper
 * method, an added fragment or
 * result map is used by nothing, a file declares another namespace, or a hook is still missing after
 * the last overlay. A dialect thus replaces exactly what differs on its database (SQLite pins hot
 * statements to their indexes with {@code INDEXED BY}; PostgreSQL claims through a
 * {@code MATERIALIZED} CTE with {@code FOR UPDATE SKIP LOCKED}) and nothing else.
 *
 * <h2>Errors</h2>
 * {@link dev.agenthive.store.jdbc.JdbcDialect#classify} reads the SQLSTATEs databases share and asks
 * {@link dev.agenthive.store.jdbc.JdbcDialect#violatedConstraint} for the violated constraint's name
 * or table and columns; {@link dev.agenthive.store.jdbc.SchemaConstraints} turns either into the api
 * field, as long as the dialect's schema keeps the shared constraint and index names.
 */
package dev.agenthive.store.jdbc;
