package org.phasic.traces.spi.archviolation;

import com.google.inject.Module;

/** Planted violation: the plugin SPI handing plugins a Guice type. Only ArchitectureTest imports it. */
public interface SpiUsingGuice {
    Module module();
}
