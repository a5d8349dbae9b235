/**
 * Regions of binary masks: {@link io.deocc.mask.region.ConnectedComponents} labels a mask's connected
 * parts (4- or 8-connected) with their areas, boxes and masks, e.g. to split a segmentation into
 * people or to keep only the parts of a region that touch another.
 */
package io.deocc.mask.region;
