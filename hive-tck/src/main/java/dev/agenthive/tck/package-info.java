/**
 * The Technology Compatibility Kit: abstract JUnit 5 contract classes every
 * {@link dev.agenthive.api.spi.StorageProvider} must pass, one per port
 * ({@link dev.agenthive.tck.AgentRepositoryContract}, {@link dev.agenthive.tck.TaskRepositoryContract},
 * {@link dev.agenthive.tck.MessageRepositoryContract}, {@link dev.agenthive.tck.EventRepositoryContract},
 * {@link dev.agenthive.tck.SharedMemoryRepositoryContract}, {@link dev.agenthive.tck.HiveStoreContract},
 * {@link dev.agenthive.tck.GitStateRepositoryContract}, {@link dev.agenthive.tck.PullRequestRepositoryContract},
 * {@link dev.agenthive.tck.ConfigurationRepositoryContract}, {@link dev.agenthive.tck.ProjectRepositoryContract},
 * {@link dev.agenthive.tck.MetricRepositoryContract}, {@link dev.agenthive.tck.CheckpointRepositoryContract},
 * {@link dev.agenthive.tck.ContextSessionRepositoryContract}, {@link dev.agenthive.tck.MemorySnapshotRepositoryContract})
 * and one per cross-cutting concern ({@link dev.agenthive.tck.ConcurrencyContract},
 * {@link dev.agenthive.tck.BadInputContract}, {@link dev.agenthive.tck.InjectionContract}).
 *
 * <p>A provider passes the TCK by extending every contract with a subclass that only opens a fresh
 * store, for example:
 *
 * <pre>{@code
 * class MyTaskRepositoryTckTest extends TaskRepositoryContract {
 *     @TempDir
 *     Path dir;
 *
 *     @Override
 *     protected HiveStore openStore() {
 *         return new MyStorageProvider().open(new StorageSettings("my:" + dir, true, Map.of(), Clock.systemUTC()));
 *     }
 * }
 * }</pre>
 */
package dev.agenthive.tck;
