/** The starter library shipped inside the jar: its registry and CAR, loaded and verified once, served as the first source after the local store. */
package org.phasic.traces.app.bundle;
