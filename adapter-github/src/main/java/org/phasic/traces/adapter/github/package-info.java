/** Registry source, registry JSON codec and GitHub pull requests. */
package org.phasic.traces.adapter.github;
