/**
 * Square crops around a person, resized to a network's input grid, and the inverse mapping that
 * pastes a grid-sized result (a mask or per-pixel probabilities) back into the image frame.
 */
package io.deocc.mask.crop;
