package dev.agenthive.store.jdbc.project;

import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.project.ProjectKind;
import dev.agenthive.api.project.ProjectStatus;
import dev.agenthive.store.jdbc.KeyCount;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** SQL of projects, epics and their task links; statements in {@code ProjectMapper.xml}. */
public interface ProjectMapper {

    int insert(@Param("id") String id, @Param("p") NewProject project, @Param("now") Instant now);

    Project find(@Param("id") String id);

    boolean exists(@Param("id") String id);

    boolean taskExists(@Param("id") String taskId);

    List<Project> list(@Param("kind") ProjectKind kind, @Param("status") ProjectStatus status,
                       @Param("parentId") String parentId, @Param("limit") int limit);

    int updateStatus(@Param("id") String id, @Param("status") ProjectStatus status,
                     @Param("sources") Collection<ProjectStatus> sources, @Param("now") Instant now);

    /** Inserts the link unless it exists; 1 if inserted, 0 if it was there. */
    int link(@Param("projectId") String projectId, @Param("taskId") String taskId, @Param("now") Instant now);

    int unlink(@Param("projectId") String projectId, @Param("taskId") String taskId);

    List<String> taskIds(@Param("projectId") String projectId);

    List<Project> projectsOfTask(@Param("taskId") String taskId);

    /** Distinct tasks of the project and its epics, counted by status. */
    List<KeyCount> progress(@Param("projectId") String projectId);
}
