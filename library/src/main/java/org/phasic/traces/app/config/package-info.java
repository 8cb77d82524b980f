/**
 * The effective configuration: keys gathered from their owners' settings records and the profile plugins
 * ({@link org.phasic.traces.app.config.ConfigCatalog}), loaded from defaults, {@code config.yaml},
 * {@code PHASIC_TRACES_*} variables and flags ({@link org.phasic.traces.app.config.ConfigLoader}), each value with
 * its origin, secrets masked ({@link org.phasic.traces.app.config.Configuration}).
 */
package org.phasic.traces.app.config;
