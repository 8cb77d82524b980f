/**
 * The {@code phasic-traces} command line (picocli), with {@link org.phasic.traces.app.cli.Main}: a driver that reaches
 * the application only through the use cases of {@code ports.in}, obtained from the composition entry point, and
 * renders their results, failures and hints in its own words (commands, flags, exit codes).
 */
package org.phasic.traces.app.cli;
