/**
 * The web composition: wires the web driver ({@code adapter-web}) to the use cases and the {@code serve.*} settings.
 * The only package that sees {@code adapter.web}; the command line starts it through {@link
 * org.phasic.traces.app.web.WebServing}.
 */
package org.phasic.traces.app.web;
