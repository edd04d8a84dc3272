/**
 * The Technology Compatibility Kit: the JUnit 5 contracts every
 * {@link dev.agenthive.api.spi.StorageProvider} must pass, run through one class,
 * {@link dev.agenthive.tck.HiveStoreTck}. A provider extends it once and opens a fresh store on the
 * test's clock (a {@link dev.agenthive.tck.MutableClock}, which tests move ahead instead of sleeping):
 *
 * <pre>{@code
 * class MyStoreTckTest extends HiveStoreTck {
 *     @TempDir
 *     Path dir;
 *
 *     @Override
 *     protected HiveStore openStore(Clock clock) {
 *         return new MyStorageProvider().open(new StorageSettings("my:" + dir, true, Map.of(), clock));
 *     }
 * }
 * }</pre>
 *
 * <p>There is one contract per port ({@link dev.agenthive.tck.AgentRepositoryContract},
 * {@link dev.agenthive.tck.TaskRepositoryContract}, {@link dev.agenthive.tck.MessageRepositoryContract},
 * {@link dev.agenthive.tck.EventRepositoryContract}, {@link dev.agenthive.tck.SharedMemoryRepositoryContract},
 * {@link dev.agenthive.tck.HiveStoreContract}, {@link dev.agenthive.tck.GitStateRepositoryContract},
 * {@link dev.agenthive.tck.PullRequestRepositoryContract}, {@link dev.agenthive.tck.ConfigurationRepositoryContract},
 * {@link dev.agenthive.tck.ProjectRepositoryContract}, {@link dev.agenthive.tck.MetricRepositoryContract},
 * {@link dev.agenthive.tck.CheckpointRepositoryContract}, {@link dev.agenthive.tck.ContextSessionRepositoryContract},
 * {@link dev.agenthive.tck.MemorySnapshotRepositoryContract}) and one per cross-cutting concern
 * ({@link dev.agenthive.tck.JsonContainmentContract}, {@link dev.agenthive.tck.ConcurrencyContract},
 * {@link dev.agenthive.tck.BadInputContract}, {@link dev.agenthive.tck.InjectionContract}). Each runs
 * as a {@code @Nested} class of {@link dev.agenthive.tck.HiveStoreTck}; the contracts are sealed, so
 * none can be run on its own or left out, and {@code HiveStoreTck} checks on every run that each of
 * them has its nested class. A store without an optional aggregate lists the
 * {@link dev.agenthive.tck.Capability capabilities} it has; the tests of the others assert that the
 * store refuses them.
 *
 * <p>The contract of every {@link dev.agenthive.api.spi.CacheProvider} is in
 * {@link dev.agenthive.tck.cache}: a cache adapter's test extends
 * {@link dev.agenthive.tck.cache.CacheContract} once.
 */
package dev.agenthive.tck;
