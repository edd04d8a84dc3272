package dev.agenthive.store.jdbc.pullrequest;

import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.pullrequest.PullRequest;
import dev.agenthive.api.pullrequest.PullRequestStatus;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** SQL of the pull requests; statements in {@code PullRequestMapper.xml}. */
public interface PullRequestMapper {

    int insert(@Param("pr") NewPullRequest pullRequest, @Param("now") Instant now);

    PullRequest find(@Param("number") int number);

    int updateStatus(@Param("number") int number, @Param("status") PullRequestStatus status,
                     @Param("sources") Collection<PullRequestStatus> sources, @Param("mergedAt") Instant mergedAt,
                     @Param("closedAt") Instant closedAt, @Param("now") Instant now);

    List<PullRequest> list(@Param("status") PullRequestStatus status, @Param("authorAgent") String authorAgent,
                           @Param("limit") int limit);
}
