/** Private blob stores: S3 and GCS. */
package org.phasic.traces.adapter.cloud;
