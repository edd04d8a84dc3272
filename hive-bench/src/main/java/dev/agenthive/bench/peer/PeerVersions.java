package dev.agenthive.bench.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The peers' versions as the build resolved them (the shaded jar keeps none of their manifests). */
final class PeerVersions {
    private static final String RESOURCE = "peer-versions.properties";

    private PeerVersions() {
    }

    /** The version of {@code peer} ("jobrunr", "db-scheduler"). */
    static String of(String peer) {
        try (InputStream in = PeerVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            Properties versions = new Properties();
            versions.load(in);
            String version = versions.getProperty(peer);
            if (version == null) {
                throw new IllegalArgumentException("no version of " + peer + " in " + RESOURCE);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
