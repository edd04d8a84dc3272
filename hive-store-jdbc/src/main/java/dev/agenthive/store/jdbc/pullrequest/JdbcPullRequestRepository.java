package dev.agenthive.store.jdbc.pullrequest;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.pullrequest.PullRequest;
import dev.agenthive.api.pullrequest.PullRequestQuery;
import dev.agenthive.api.pullrequest.PullRequestRepository;
import dev.agenthive.api.pullrequest.PullRequestStatus;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.agent.AgentMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PullRequestRepository} over SQL. A status change is one UPDATE whose WHERE clause lists the
 * allowed source states; when it changes no row, the row is read to throw the precise exception.
 */
public final class JdbcPullRequestRepository implements PullRequestRepository {
    private static final String ENTITY = "pull request";

    private final SqlExecutor executor;
    private final Clock clock;

    public JdbcPullRequestRepository(SqlExecutor executor, Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public PullRequest open(NewPullRequest pullRequest) {
        Checks.notNull(pullRequest, "pullRequest");
        return executor.write(session -> {
            PullRequestMapper mapper = session.getMapper(PullRequestMapper.class);
            if (mapper.find(pullRequest.number()) != null) {
                throw new ConflictException(ErrorCode.DUPLICATE,
                        "pullRequest.number: " + pullRequest.number() + " is already recorded");
            }
            if (!session.getMapper(AgentMapper.class).exists(pullRequest.authorAgent())) {
                throw new NotFoundException("agent", pullRequest.authorAgent());
            }
            mapper.insert(pullRequest, clock.instant());
            return mapper.find(pullRequest.number());
        });
    }

    @Override
    public Optional<PullRequest> find(int number) {
        Checks.positive(number, "pullRequest.number");
        return executor.read(session -> Optional.ofNullable(session.getMapper(PullRequestMapper.class).find(number)));
    }

    @Override
    public PullRequest updateStatus(int number, PullRequestStatus status) {
        Checks.positive(number, "pullRequest.number");
        Checks.notNull(status, "pullRequest.status");
        return executor.write(session -> {
            PullRequestMapper mapper = session.getMapper(PullRequestMapper.class);
            Instant now = clock.instant();
            // Allowed transitions leave open (neither time set) or reopen a closed one (never merged),
            // so the target state alone decides both times.
            Instant mergedAt = status == PullRequestStatus.MERGED ? now : null;
            Instant closedAt = status == PullRequestStatus.CLOSED ? now : null;
            if (mapper.updateStatus(number, status, PullRequestStatus.allowedSources(status), mergedAt, closedAt, now) == 0) {
                PullRequest current = mapper.find(number);
                if (current == null) {
                    throw new NotFoundException(ENTITY, String.valueOf(number));
                }
                throw new InvalidStateTransitionException(ENTITY, String.valueOf(number),
                        current.status().dbValue(), status.dbValue());
            }
            return mapper.find(number);
        });
    }

    @Override
    public List<PullRequest> list(PullRequestQuery query) {
        Checks.notNull(query, "pullRequestQuery");
        return executor.read(session -> List.copyOf(session.getMapper(PullRequestMapper.class)
                .list(query.status(), query.authorAgent(), query.limit())));
    }
}
