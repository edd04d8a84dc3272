package dev.agenthive.tck;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.project.ProjectKind;
import dev.agenthive.api.project.ProjectProgress;
import dev.agenthive.api.project.ProjectQuery;
import dev.agenthive.api.project.ProjectRepository;
import dev.agenthive.api.project.ProjectStatus;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link ProjectRepository}: projects and epics, the hierarchy rule, status
 * transitions, idempotent task links in both directions and progress over distinct tasks.
 */
@RequiresCapability(Capability.PROJECTS)
public abstract sealed class ProjectRepositoryContract extends AbstractStoreContract permits HiveStoreTck.Projects {

    private ProjectRepository projects() {
        return store().projects();
    }

    // ---- create and find -------------------------------------------------------------------

    @Test
    void createStoresEveryFieldAndStartsActive() {
        Instant before = nowMillis();
        Project project = projects().create("p-1", new NewProject("Parser rewrite", "line one\nline two",
                ProjectKind.PROJECT, null, json("{\"owner\":\"team-a\",\"budget\":3}")));
        Instant after = nowMillisCeiling();

        assertThat(project.id()).isEqualTo("p-1");
        assertThat(project.name()).isEqualTo("Parser rewrite");
        assertThat(project.description()).isEqualTo("line one\nline two");
        assertThat(project.kind()).isEqualTo(ProjectKind.PROJECT);
        assertThat(project.parentId()).isNull();
        assertThat(project.status()).isEqualTo(ProjectStatus.ACTIVE);
        assertSameJson(project.metadata(), json("{\"budget\":3,\"owner\":\"team-a\"}"));
        assertThat(project.createdAt()).isBetween(before, after);
        assertThat(project.updatedAt()).isEqualTo(project.createdAt());
        assertThat(projects().find("p-1")).contains(project);
    }

    @Test
    void epicBelongsToItsProject() {
        projects().create("p-1", NewProject.project("project"));
        Project epic = projects().create("e-1", NewProject.epic("p-1", "epic"));

        assertThat(epic.kind()).isEqualTo(ProjectKind.EPIC);
        assertThat(epic.parentId()).isEqualTo("p-1");
        assertSameJson(epic.metadata(), json("{}"));
        assertThat(projects().list(ProjectQuery.epicsOf("p-1"))).containsExactly(epic);
    }

    @Test
    void findOfUnknownProjectIsEmpty() {
        assertThat(projects().find("nothing")).isEmpty();
    }

    @Test
    void epicOfUnknownProjectIsNotFoundAndStoresNothing() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> projects().create("e-1", NewProject.epic("missing", "epic")));

        assertThat(e.entity()).isEqualTo("project");
        assertThat(e.id()).isEqualTo("missing");
        assertThat(projects().find("e-1")).isEmpty();
    }

    @Test
    void epicOfAnEpicIsRefusedAndStoresNothing() {
        projects().create("p-1", NewProject.project("project"));
        projects().create("e-1", NewProject.epic("p-1", "epic"));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> projects().create("e-2", NewProject.epic("e-1", "nested")));

        assertThat(e.field()).isEqualTo("project.parentId");
        assertThat(projects().find("e-2")).isEmpty();
    }

    @Test
    void epicCannotBeItsOwnParent() {
        assertThrows(NotFoundException.class, () -> projects().create("e-1", NewProject.epic("e-1", "self")));

        assertThat(projects().find("e-1")).isEmpty();
    }

    @Test
    void duplicateIdIsAConflictAndKeepsTheFirst() {
        Project first = projects().create("p-1", NewProject.project("first"));

        ConflictException e = assertThrows(ConflictException.class,
                () -> projects().create("p-1", NewProject.project("second")));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(projects().find("p-1")).contains(first);
    }

    @Test
    void listFiltersByKindStatusAndParentInCreationOrder() {
        // Ids sort like their creation order, so the order holds even when creations share a millisecond.
        Project p1 = projects().create("p1", NewProject.project("one"));
        Project p2 = projects().create("p2", NewProject.project("two"));
        Project e1 = projects().create("p3-epic", NewProject.epic("p1", "epic one"));
        Project e2 = projects().create("p4-epic", NewProject.epic("p2", "epic two"));
        Project archived = projects().updateStatus("p2", ProjectStatus.ARCHIVED);

        assertThat(projects().list(ProjectQuery.all())).extracting(Project::id)
                .containsExactly("p1", "p2", "p3-epic", "p4-epic");
        assertThat(projects().list(new ProjectQuery(ProjectKind.PROJECT, null, null, 100))).containsExactly(p1, archived);
        assertThat(projects().list(new ProjectQuery(ProjectKind.EPIC, null, null, 100))).containsExactly(e1, e2);
        assertThat(projects().list(new ProjectQuery(null, ProjectStatus.ARCHIVED, null, 100))).containsExactly(archived);
        assertThat(projects().list(new ProjectQuery(null, ProjectStatus.ACTIVE, "p2", 100))).containsExactly(e2);
        assertThat(projects().list(new ProjectQuery(null, null, null, 2))).extracting(Project::id).containsExactly("p1", "p2");
        assertThat(p2.status()).isEqualTo(ProjectStatus.ACTIVE);
    }

    // ---- status ----------------------------------------------------------------------------

    @Test
    void statusMovesBetweenActiveAndCompletedAndArchivedIsFinal() {
        Project created = projects().create("p-1", NewProject.project("p"));

        Project completed = projects().updateStatus("p-1", ProjectStatus.COMPLETED);
        assertThat(completed.status()).isEqualTo(ProjectStatus.COMPLETED);
        assertThat(completed.updatedAt()).isAfterOrEqualTo(created.updatedAt());
        assertThat(projects().updateStatus("p-1", ProjectStatus.ACTIVE).status()).isEqualTo(ProjectStatus.ACTIVE);
        Project archived = projects().updateStatus("p-1", ProjectStatus.ARCHIVED);
        assertThat(archived.status()).isEqualTo(ProjectStatus.ARCHIVED);

        for (ProjectStatus target : ProjectStatus.values()) {
            InvalidStateTransitionException e = assertThrows(InvalidStateTransitionException.class,
                    () -> projects().updateStatus("p-1", target));
            assertThat(e.from()).isEqualTo("archived");
        }
        assertThat(projects().find("p-1")).contains(archived);
    }

    @Test
    void statusOfUnknownProjectIsNotFound() {
        assertThrows(NotFoundException.class, () -> projects().updateStatus("missing", ProjectStatus.COMPLETED));
    }

    // ---- task links ------------------------------------------------------------------------

    @Test
    void addTaskIsIdempotentAndLinksBothWays() {
        Project p1 = projects().create("p-1", NewProject.project("one"));
        Project e1 = projects().create("e-1", NewProject.epic("p-1", "epic"));
        enqueue("t-1");
        enqueue("t-2");

        assertThat(projects().addTask("p-1", "t-2")).isTrue();
        assertThat(projects().addTask("p-1", "t-1")).isTrue();
        assertThat(projects().addTask("p-1", "t-2")).isFalse();
        assertThat(projects().addTask("e-1", "t-2")).isTrue();

        assertThat(projects().taskIds("p-1")).containsExactlyInAnyOrder("t-1", "t-2").hasSize(2);
        assertThat(projects().taskIds("e-1")).containsExactly("t-2");
        assertThat(projects().projectsOfTask("t-2")).containsExactlyInAnyOrder(p1, e1);
        assertThat(projects().projectsOfTask("t-1")).containsExactly(p1);
    }

    @Test
    void taskIdsAreInLinkOrder() {
        projects().create("p-1", NewProject.project("one"));
        enqueue("t-b");
        enqueue("t-a");
        projects().addTask("p-1", "t-b");
        passTime(java.time.Duration.ofMillis(5));
        projects().addTask("p-1", "t-a");

        assertThat(projects().taskIds("p-1")).containsExactly("t-b", "t-a");
    }

    @Test
    void removeTaskRemovesOnlyThatLink() {
        projects().create("p-1", NewProject.project("one"));
        projects().create("p-2", NewProject.project("two"));
        enqueue("t-1");
        projects().addTask("p-1", "t-1");
        projects().addTask("p-2", "t-1");

        assertThat(projects().removeTask("p-1", "t-1")).isTrue();
        assertThat(projects().removeTask("p-1", "t-1")).isFalse();

        assertThat(projects().taskIds("p-1")).isEmpty();
        assertThat(projects().taskIds("p-2")).containsExactly("t-1");
        assertThat(projects().projectsOfTask("t-1")).extracting(Project::id).containsExactly("p-2");
        assertThat(store().tasks().find("t-1")).isPresent();
    }

    @Test
    void unknownProjectOrTaskIsNotFoundNamingIt() {
        projects().create("p-1", NewProject.project("one"));
        enqueue("t-1");

        assertNotFound("project", "missing", () -> projects().addTask("missing", "t-1"));
        assertNotFound("task", "missing", () -> projects().addTask("p-1", "missing"));
        assertNotFound("project", "missing", () -> projects().removeTask("missing", "t-1"));
        assertNotFound("task", "missing", () -> projects().removeTask("p-1", "missing"));
        assertNotFound("project", "missing", () -> projects().taskIds("missing"));
        assertNotFound("task", "missing", () -> projects().projectsOfTask("missing"));
        assertNotFound("project", "missing", () -> projects().progress("missing"));

        assertThat(projects().taskIds("p-1")).isEmpty();
        assertThat(projects().projectsOfTask("t-1")).isEmpty();
    }

    // ---- progress --------------------------------------------------------------------------

    @Test
    void progressOfAnEmptyProjectIsZeroWithEveryStatus() {
        projects().create("p-1", NewProject.project("one"));

        ProjectProgress progress = projects().progress("p-1");

        assertThat(progress.projectId()).isEqualTo("p-1");
        assertThat(progress.byStatus()).containsOnlyKeys(TaskStatus.values()).allSatisfy((status, n) -> assertThat(n).isZero());
        assertThat(progress.total()).isZero();
        assertThat(progress.completed()).isZero();
        assertThat(progress.percentComplete()).isZero();
    }

    @Test
    void progressOfAnEpicCountsItsOwnTasksByStatus() {
        projects().create("p-1", NewProject.project("one"));
        projects().create("e-1", NewProject.epic("p-1", "epic"));
        registerAgent("agent-1");
        complete(enqueue("done-1", 9));
        complete(enqueue("done-2", 8));
        enqueue("queued", 0);
        enqueue("cancelled", -1);
        store().tasks().cancel("cancelled");
        store().tasks().enqueue("pending", NewTask.builder("p").dependencies(List.of("queued")).build());
        for (String task : List.of("done-1", "done-2", "queued", "cancelled", "pending")) {
            projects().addTask("e-1", task);
        }

        ProjectProgress progress = projects().progress("e-1");

        assertThat(progress.byStatus()).containsOnlyKeys(TaskStatus.values());
        assertThat(progress.count(TaskStatus.COMPLETED)).isEqualTo(2);
        assertThat(progress.count(TaskStatus.QUEUED)).isEqualTo(1);
        assertThat(progress.count(TaskStatus.CANCELLED)).isEqualTo(1);
        assertThat(progress.count(TaskStatus.PENDING)).isEqualTo(1);
        assertThat(progress.count(TaskStatus.RUNNING)).isZero();
        assertThat(progress.total()).isEqualTo(5);
        assertThat(progress.completed()).isEqualTo(2);
        // The cancelled task is no work left to do: 2 of 4.
        assertThat(progress.percentComplete()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void progressOfAProjectCountsDistinctTasksOfItAndItsEpics() {
        projects().create("p-1", NewProject.project("one"));
        projects().create("e-1", NewProject.epic("p-1", "epic one"));
        projects().create("e-2", NewProject.epic("p-1", "epic two"));
        projects().create("other", NewProject.project("other"));
        registerAgent("agent-1");
        complete(enqueue("shared", 9));
        enqueue("own");
        enqueue("epic-only");
        enqueue("elsewhere");
        projects().addTask("p-1", "shared");
        projects().addTask("e-1", "shared");
        projects().addTask("e-2", "shared");
        projects().addTask("p-1", "own");
        projects().addTask("e-2", "epic-only");
        projects().addTask("other", "elsewhere");

        ProjectProgress progress = projects().progress("p-1");

        assertThat(progress.total()).isEqualTo(3);
        assertThat(progress.completed()).isEqualTo(1);
        assertThat(progress.count(TaskStatus.QUEUED)).isEqualTo(2);
        assertThat(progress.percentComplete()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(projects().progress("e-2").total()).isEqualTo(2);
        assertThat(projects().progress("e-1").percentComplete()).isCloseTo(100.0, within(1e-9));
        assertThat(projects().progress("other").completed()).isZero();
    }

    @Test
    void progressOfOnlyCancelledTasksIsZeroPercent() {
        projects().create("p-1", NewProject.project("one"));
        enqueue("t-1");
        store().tasks().cancel("t-1");
        projects().addTask("p-1", "t-1");

        ProjectProgress progress = projects().progress("p-1");

        assertThat(progress.total()).isEqualTo(1);
        assertThat(progress.percentComplete()).isZero();
    }

    private void complete(Task task) {
        Task claimed = claimOne("agent-1");
        assertThat(claimed.id()).isEqualTo(task.id());
        store().tasks().complete(claimed.id(), claimed.leaseToken(), json("{}"));
    }

    private static void assertNotFound(String entity, String id, Executable call) {
        NotFoundException e = assertThrows(NotFoundException.class, call);
        assertThat(e.entity()).isEqualTo(entity);
        assertThat(e.id()).isEqualTo(id);
    }
}
