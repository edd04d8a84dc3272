package dev.agenthive.cli.demo;

/**
 * The demo did not prove what it set out to: a timeout, a broken exactly-once check or an
 * unexpected error of the platform. The message is the one-line reason shown to the user.
 */
public final class DemoFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DemoFailedException(String reason) {
        super(reason);
    }

    public DemoFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
