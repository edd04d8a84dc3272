package dev.agenthive.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar manifest at build time. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = HiveCommand.class.getPackage().getImplementationVersion();
        return new String[] {"hive " + (version == null ? "(version unknown: not run from the built jar)" : version)};
    }
}
