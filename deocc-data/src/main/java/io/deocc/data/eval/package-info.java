/** The evaluation harness: runs a completer and a recoverer over a dataset and reports the paper's metrics. */
package io.deocc.data.eval;
