/**
 * The plugin SPI: what a profile plugin compiles against. {@link org.phasic.traces.spi.ProfilePlugin} names a
 * profile, declares its {@link org.phasic.traces.spi.ConfigKey}s and adds adapters through
 * {@link org.phasic.traces.spi.Contributions}, reading the read-only {@link org.phasic.traces.spi.Settings} view
 * and the {@link org.phasic.traces.spi.PluginServices} the composition root shares. Depends on the ports and the
 * domain only; no dependency-injection framework.
 */
package org.phasic.traces.spi;
