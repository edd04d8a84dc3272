package dev.agenthive.api.pullrequest;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Command to record a newly opened pull request.
 *
 * @param number       the pull request's number at its host, positive and unique
 * @param authorAgent  the agent that opened it; it must be registered
 * @param title        must not be blank, at most 500 characters
 * @param sourceBranch the branch to merge
 * @param targetBranch the branch to merge into; must differ from {@code sourceBranch}
 * @param url          optional web address of the pull request: an absolute {@code http} or
 *                     {@code https} URL with a host, at most 2,048 characters
 */
public record NewPullRequest(
        int number,
        String authorAgent,
        String title,
        String sourceBranch,
        String targetBranch,
        String url) {

    public static final int MAX_TITLE_LENGTH = 500;
    public static final int MAX_URL_LENGTH = 2048;

    public NewPullRequest {
        Checks.positive(number, "pullRequest.number");
        Checks.id(authorAgent, "pullRequest.authorAgent");
        Checks.notBlank(title, "pullRequest.title");
        Checks.text(Checks.maxLength(title, MAX_TITLE_LENGTH, "pullRequest.title"), "pullRequest.title");
        Checks.id(sourceBranch, "pullRequest.sourceBranch");
        Checks.id(targetBranch, "pullRequest.targetBranch");
        if (sourceBranch.equals(targetBranch)) {
            throw new InvalidInputException("pullRequest.targetBranch", "must differ from pullRequest.sourceBranch");
        }
        if (url != null) {
            checkUrl(url);
        }
    }

    private static void checkUrl(String url) {
        Checks.text(Checks.maxLength(url, MAX_URL_LENGTH, "pullRequest.url"), "pullRequest.url");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("pullRequest.url", "must be a valid URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException("pullRequest.url", "must be an http or https URL, was '" + url + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidInputException("pullRequest.url", "must name a host, was '" + url + "'");
        }
    }
}
