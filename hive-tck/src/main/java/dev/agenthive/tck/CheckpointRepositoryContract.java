package dev.agenthive.tck;

import dev.agenthive.api.checkpoint.Checkpoint;
import dev.agenthive.api.checkpoint.CheckpointKind;
import dev.agenthive.api.checkpoint.CheckpointRepository;
import dev.agenthive.api.checkpoint.CheckpointStatus;
import dev.agenthive.api.checkpoint.NewCheckpoint;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.project.NewProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link CheckpointRepository}: checkpoints belong to an existing project, names are
 * unique per project, evaluations are stored with their result and listed by status.
 */
@RequiresCapability({Capability.CHECKPOINTS, Capability.PROJECTS})
public abstract sealed class CheckpointRepositoryContract extends AbstractStoreContract permits HiveStoreTck.Checkpoints {

    private static final Json CRITERIA = Json.of("{\"all\":[{\"type\":\"tasks_completed\"}]}");
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private CheckpointRepository checkpoints() {
        return store().checkpoints();
    }

    @BeforeEach
    void projects() {
        store().projects().create("p-1", NewProject.project("one"));
        store().projects().create("p-2", NewProject.project("two"));
    }

    private Checkpoint create(String id, String projectId, String name) {
        return checkpoints().create(id, new NewCheckpoint(projectId, name, CheckpointKind.QUALITY_GATE, CRITERIA));
    }

    @Test
    void createStoresEveryFieldAndStartsPending() {
        Instant before = nowMillis();
        Checkpoint checkpoint = checkpoints().create("c-1", new NewCheckpoint("p-1", "beta", CheckpointKind.MILESTONE,
                json("{\"all\":[{\"type\":\"tasks_completed\",\"projectId\":\"p-1\"}]}")));
        Instant after = nowMillisCeiling();

        assertThat(checkpoint.id()).isEqualTo("c-1");
        assertThat(checkpoint.projectId()).isEqualTo("p-1");
        assertThat(checkpoint.name()).isEqualTo("beta");
        assertThat(checkpoint.kind()).isEqualTo(CheckpointKind.MILESTONE);
        assertThat(checkpoint.status()).isEqualTo(CheckpointStatus.PENDING);
        assertSameJson(checkpoint.criteria(), json("{\"all\":[{\"projectId\":\"p-1\",\"type\":\"tasks_completed\"}]}"));
        assertThat(checkpoint.lastResult()).isNull();
        assertThat(checkpoint.evaluatedAt()).isNull();
        assertThat(checkpoint.createdAt()).isBetween(before, after);
        assertThat(checkpoint.updatedAt()).isEqualTo(checkpoint.createdAt());
        assertThat(checkpoints().find("c-1")).contains(checkpoint);
        assertThat(checkpoints().findByName("p-1", "beta")).contains(checkpoint);
    }

    @Test
    void findOfUnknownIsEmpty() {
        create("c-1", "p-1", "gate");

        assertThat(checkpoints().find("nothing")).isEmpty();
        assertThat(checkpoints().findByName("p-1", "nothing")).isEmpty();
        assertThat(checkpoints().findByName("p-2", "gate")).isEmpty();
    }

    @Test
    void checkpointOfUnknownProjectIsNotFoundAndStoresNothing() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> create("c-1", "missing", "gate"));

        assertThat(e.entity()).isEqualTo("project");
        assertThat(e.id()).isEqualTo("missing");
        assertThat(checkpoints().find("c-1")).isEmpty();
    }

    @Test
    void nameIsUniquePerProject() {
        Checkpoint first = create("c-1", "p-1", "coverage");

        ConflictException e = assertThrows(ConflictException.class, () -> create("c-2", "p-1", "coverage"));
        Checkpoint elsewhere = create("c-3", "p-2", "coverage");

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(e.getMessage()).contains("checkpoint.name");
        assertThat(checkpoints().find("c-2")).isEmpty();
        assertThat(checkpoints().findByName("p-1", "coverage")).contains(first);
        assertThat(checkpoints().findByName("p-2", "coverage")).contains(elsewhere);
    }

    @Test
    void duplicateIdIsAConflict() {
        Checkpoint first = create("c-1", "p-1", "one");

        ConflictException e = assertThrows(ConflictException.class, () -> create("c-1", "p-1", "two"));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(checkpoints().find("c-1")).contains(first);
    }

    @Test
    void criteriaThatAreNoObjectAreRefused() {
        for (String criteria : List.of("[]", "\"all\"", "1", "null", "{")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> checkpoints().create("c-1",
                    new NewCheckpoint("p-1", "gate", CheckpointKind.QUALITY_GATE, json(criteria))));
            assertThat(e.field()).as("criteria %s", criteria).isEqualTo("checkpoint.criteria");
        }
        assertThat(checkpoints().listByProject("p-1")).isEmpty();
    }

    @Test
    void listByProjectIsOldestFirstAndOnlyThatProject() {
        Checkpoint a = create("c-1", "p-1", "a");
        Checkpoint b = create("c-2", "p-1", "b");
        create("c-3", "p-2", "c");

        assertThat(checkpoints().listByProject("p-1")).containsExactly(a, b);
        NotFoundException e = assertThrows(NotFoundException.class, () -> checkpoints().listByProject("missing"));
        assertThat(e.id()).isEqualTo("missing");
    }

    @Test
    void recordEvaluationStoresTheOutcome() {
        Checkpoint created = create("c-1", "p-1", "gate");
        Json result = json("{\"passed\":false,\"criteria\":[{\"type\":\"tasks_completed\",\"passed\":false}]}");

        Checkpoint failed = checkpoints().recordEvaluation("c-1", CheckpointStatus.FAILED, result, T0);

        assertThat(failed.status()).isEqualTo(CheckpointStatus.FAILED);
        assertSameJson(failed.lastResult(), result);
        assertThat(failed.evaluatedAt()).isEqualTo(T0);
        assertThat(failed.updatedAt()).isAfterOrEqualTo(created.updatedAt());
        assertThat(failed.criteria()).isEqualTo(created.criteria());
        assertThat(checkpoints().find("c-1")).contains(failed);

        Checkpoint passed = checkpoints().recordEvaluation("c-1", CheckpointStatus.PASSED, json("{\"passed\":true}"),
                T0.plusSeconds(1));
        assertThat(passed.status()).isEqualTo(CheckpointStatus.PASSED);
        assertThat(passed.evaluatedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void recordEvaluationRefusesPendingUnknownAndNonObjectResults() {
        Checkpoint created = create("c-1", "p-1", "gate");

        assertThrows(InvalidInputException.class,
                () -> checkpoints().recordEvaluation("c-1", CheckpointStatus.PENDING, json("{}"), T0));
        assertThrows(NotFoundException.class,
                () -> checkpoints().recordEvaluation("missing", CheckpointStatus.PASSED, json("{}"), T0));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> checkpoints().recordEvaluation("c-1", CheckpointStatus.PASSED, json("[true]"), T0));
        assertThat(e.field()).isEqualTo("checkpoint.lastResult");

        assertThat(checkpoints().find("c-1")).contains(created);
    }

    @Test
    void listByStatusIsMostRecentlyEvaluatedFirst() {
        create("c-1", "p-1", "old");
        create("c-2", "p-1", "new");
        create("c-3", "p-2", "passing");
        Checkpoint pending = create("c-4", "p-2", "never");
        Checkpoint old = checkpoints().recordEvaluation("c-1", CheckpointStatus.FAILED, json("{}"), T0);
        Checkpoint recent = checkpoints().recordEvaluation("c-2", CheckpointStatus.FAILED, json("{}"), T0.plusSeconds(5));
        Checkpoint passing = checkpoints().recordEvaluation("c-3", CheckpointStatus.PASSED, json("{}"), T0.plusSeconds(9));

        assertThat(checkpoints().listByStatus(CheckpointStatus.FAILED, 10)).containsExactly(recent, old);
        assertThat(checkpoints().listByStatus(CheckpointStatus.FAILED, 1)).containsExactly(recent);
        assertThat(checkpoints().listByStatus(CheckpointStatus.PASSED, 10)).containsExactly(passing);
        assertThat(checkpoints().listByStatus(CheckpointStatus.PENDING, 10)).containsExactly(pending);
        assertThrows(InvalidInputException.class, () -> checkpoints().listByStatus(CheckpointStatus.FAILED, 0));
    }

    @Test
    void anEvaluationInAFailedTransactionLeavesNoTrace() {
        Checkpoint created = create("c-1", "p-1", "gate");

        assertThrows(IllegalStateException.class, () -> store().inTransaction(tx -> {
            tx.checkpoints().recordEvaluation("c-1", CheckpointStatus.PASSED, json("{}"), T0);
            tx.projects().create("p-3", NewProject.project("three"));
            throw new IllegalStateException("abort");
        }));

        assertThat(checkpoints().find("c-1")).contains(created);
        assertThat(store().projects().find("p-3")).isEmpty();
    }
}
