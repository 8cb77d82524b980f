package org.phasic.traces.app.cli;

import org.phasic.traces.app.composition.Composition;
import picocli.CommandLine.IVersionProvider;

/** The tool's version for {@code --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"phasic-traces " + Composition.version(), "Java " + System.getProperty("java.version")};
    }
}
