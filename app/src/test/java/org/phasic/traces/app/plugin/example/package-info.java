/** A third-party profile plugin written against the plugin SPI alone, for the plugin tests. */
package org.phasic.traces.app.plugin.example;
