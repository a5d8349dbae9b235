/**
 * The typical pose-mask bank: a small set of whole-body silhouettes, each cropped to its box and
 * resized to a square grid, used as a shape prior for mask completion; its versioned file format;
 * and the deterministic generator of the bank this module ships.
 */
package io.deocc.mask.pose;
