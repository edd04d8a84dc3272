package dev.agenthive.api.task;

import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Command to put a task on the queue. Build with {@link #builder(String)}.
 *
 * @param title                must not be blank, at most 500 characters
 * @param description          optional, at most 65,536 characters
 * @param type                 free-text kind of work; defaults to {@code "task"}
 * @param priority             higher is claimed first, -1,000,000..1,000,000
 * @param parentId             optional parent task; it must exist
 * @param dependencies         tasks that must complete before this one is claimable; each must exist
 * @param requiredCapabilities an agent must have all of them to claim the task
 * @param payload              input of the work; defaults to {@code {}}
 * @param maxAttempts          1..1,000; defaults to 3
 * @param idempotencyKey       optional; a second enqueue with the same key returns the first task
 * @param delay                not claimable before now plus this delay; zero by default
 */
public record NewTask(
        String title,
        String description,
        String type,
        int priority,
        String parentId,
        List<String> dependencies,
        Set<String> requiredCapabilities,
        Json payload,
        int maxAttempts,
        String idempotencyKey,
        Duration delay) {

    public static final int MAX_TITLE_LENGTH = 500;
    public static final int MAX_DESCRIPTION_LENGTH = 65_536;
    public static final int MAX_PRIORITY = 1_000_000;
    public static final int MAX_ATTEMPTS_LIMIT = 1_000;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public NewTask {
        Checks.notBlank(title, "task.title");
        Checks.text(Checks.maxLength(title, MAX_TITLE_LENGTH, "task.title"), "task.title");
        Checks.text(Checks.maxLength(description, MAX_DESCRIPTION_LENGTH, "task.description"), "task.description");
        Checks.id(type, "task.type");
        Checks.between(priority, -MAX_PRIORITY, MAX_PRIORITY, "task.priority");
        Checks.optionalId(parentId, "task.parentId");
        dependencies = Checks.idList(dependencies, "task.dependencies");
        requiredCapabilities = Checks.idSet(requiredCapabilities, "task.requiredCapabilities");
        Checks.json(Checks.notNull(payload, "task.payload"), "task.payload");
        Checks.between(maxAttempts, 1, MAX_ATTEMPTS_LIMIT, "task.maxAttempts");
        Checks.optionalId(idempotencyKey, "task.idempotencyKey");
        Checks.notNegative(delay, "task.delay");
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Mutable builder with the documented defaults. */
    public static final class Builder {
        private final String title;
        private String description;
        private String type = "task";
        private int priority;
        private String parentId;
        private List<String> dependencies = List.of();
        private Set<String> requiredCapabilities = Set.of();
        private Json payload = Json.EMPTY_OBJECT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private String idempotencyKey;
        private Duration delay = Duration.ZERO;

        private Builder(String title) {
            this.title = title;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder parentId(String parentId) {
            this.parentId = parentId;
            return this;
        }

        public Builder dependencies(Collection<String> dependencies) {
            this.dependencies = dependencies == null ? null : List.copyOf(dependencies);
            return this;
        }

        public Builder requiredCapabilities(Collection<String> requiredCapabilities) {
            this.requiredCapabilities = requiredCapabilities == null ? null : Set.copyOf(requiredCapabilities);
            return this;
        }

        public Builder payload(Json payload) {
            this.payload = payload;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Builder delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        public NewTask build() {
            return new NewTask(title, description, type, priority, parentId, dependencies,
                    requiredCapabilities, payload, maxAttempts, idempotencyKey, delay);
        }
    }
}
