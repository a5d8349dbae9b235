/**
 * The evaluation harness: {@link io.deocc.data.eval.Evaluation} runs a mask completer and/or a content
 * recoverer over a {@link io.deocc.data.SampleSource} and returns an
 * {@link io.deocc.data.eval.EvaluationReport} with the paper's metrics; {@link io.deocc.data.eval.ReportWriter}
 * writes it as report.json, items.csv and a self-contained report.html with the best and worst cases' panels.
 */
package io.deocc.data.eval;
