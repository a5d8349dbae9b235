/**
 * COCO annotation decoding: run-length encoded masks ({@link io.deocc.mask.coco.CocoRle}, both the
 * plain count list and pycocotools' compressed string), polygon rasterisation
 * ({@link io.deocc.mask.coco.CocoPolygons}) and a bounded reader for instance-annotation files
 * ({@link io.deocc.mask.coco.CocoAnnotations}).
 *
 * <p>This is the one COCO implementation of deocc: the {@code coco-json} segmenter and the dataset
 * readers both use it. Every failure is a {@link io.deocc.api.DeoccException}, mostly
 * {@link io.deocc.api.ErrorCode#ANNOTATION_INVALID}, naming the file, the annotation and the field.
 */
package io.deocc.mask.coco;
