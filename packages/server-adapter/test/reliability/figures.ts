import { appendFileSync } from 'node:fs';

/** One line of the reliability table: what was tried, what succeeded, what broke an invariant. */
export interface Figure {
  scenario: string;
  attempts: number;
  successes: number;
  violations: number;
  note?: string;
}

/**
 * Records a figure for `scripts/reliability.mjs`, which sets `RELIABILITY_REPORT` to a file and
 * prints the table once vitest is done. Without it (a plain `npm test`), figures are not kept.
 */
export function record(figure: Figure): void {
  const file = process.env.RELIABILITY_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify({ type: 'figure', ...figure })}\n`);
}

/** Records a free-form table (the access matrix) printed after the figures. */
export function recordTable(title: string, header: string[], rows: string[][]): void {
  const file = process.env.RELIABILITY_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify({ type: 'table', title, header, rows })}\n`);
}
