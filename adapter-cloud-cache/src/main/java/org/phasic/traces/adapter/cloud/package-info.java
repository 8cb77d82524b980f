/**
 * Private blob stores behind {@link org.phasic.traces.ports.out.BlobStore}: S3 and S3-compatible
 * stores ({@link org.phasic.traces.adapter.cloud.S3BlobStore}), Google Cloud Storage
 * ({@link org.phasic.traces.adapter.cloud.GcsBlobStore}) and a plain folder such as a shared
 * network drive ({@link org.phasic.traces.adapter.cloud.FileSystemBlobStore}). Settings records
 * and factories build the cloud stores; credentials are wrapped in
 * {@link org.phasic.traces.adapter.cloud.Secret} and never appear in strings or exceptions.
 *
 * <p><b>Private mirrors.</b> {@link org.phasic.traces.adapter.cloud.MirrorContentSource} turns any
 * {@code BlobStore} into a source of the fetch chain (tier {@code MIRROR}: after the bundled library, before
 * daemons and gateways); {@link org.phasic.traces.adapter.cloud.MirrorPush} fills it incrementally
 * ({@code cars/<root>.car} plus {@code index/<id>.json}) and
 * {@link org.phasic.traces.adapter.cloud.MirrorWriteBack} copies what other sources served
 * ({@code cache.writeBack}). Everything read from a mirror is verified against the registry's CID.
 *
 * <p><b>Another backend (e.g. Azure Blob Storage) as a plugin</b>, without changing this module:
 * <ol>
 *   <li>implement {@code BlobStore} (record the SHA-256 on put, verify it on get with
 *       {@code BlobStreams.verifying}) and extend the contract suite from this module's test-jar
 *       ({@code BlobStoreContract}, {@code <type>test-jar</type>}) to prove it;</li>
 *   <li>implement {@code org.phasic.traces.spi.ProfilePlugin} (artifact {@code phasic-traces-plugin-spi}) named e.g.
 *       {@code azure}, list it in {@code META-INF/services/org.phasic.traces.spi.ProfilePlugin}, declare its
 *       {@code azure.*} keys in {@code settingKeys()}, and in {@code contribute} add a content source that builds
 *       {@code new MirrorContentSource(store, true)} once and, when {@link org.phasic.traces.adapter.cloud.MirrorSettings}
 *       says {@code cache.writeBack}, a fetch listener {@code new MirrorWriteBack(mirror)} (the profiles {@code s3} and
 *       {@code gcs} in {@code org.phasic.traces.adapter.cloud.profile} are worked examples);</li>
 *   <li>put the jar on the class path and select it with {@code profile: azure}: {@code get} then uses the
 *       mirror and {@code cache push|pull|ls} work against it.</li>
 * </ol>
 */
package org.phasic.traces.adapter.cloud;
