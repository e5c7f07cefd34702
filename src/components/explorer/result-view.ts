// Renders a result as a paged <table>. Every value goes through textContent: a published cell can hold
// any text, and a query can produce any text, so nothing is ever parsed as HTML.
import { cellText, isSuppressed, suppressedRange, type QueryResult } from '../../lib/explorer/result';
import type { ExplorerStrings } from '../../lib/explorer/strings';

export const PAGE_SIZE = 100;

export function pageCount(result: QueryResult): number {
  return Math.max(1, Math.ceil(result.rows.length / PAGE_SIZE));
}

/** Replaces the container's content with page `page` (0-based) of the result; returns whether any cell was suppressed. */
export function renderTable(container: HTMLElement, result: QueryResult, page: number, s: ExplorerStrings): boolean {
  const doc = container.ownerDocument;
  const table = doc.createElement('table');
  const head = table.createTHead().insertRow();
  const numeric = result.columns.map((c) => c.kind === 'integer' || c.kind === 'number');
  result.columns.forEach((c, i) => {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.textContent = c.name;
    if (numeric[i]) th.className = 'num';
    head.appendChild(th);
  });
  const body = table.createTBody();
  let anySuppressed = false;
  for (const row of result.rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)) {
    const tr = body.insertRow();
    row.forEach((value, i) => {
      const td = tr.insertCell();
      if (isSuppressed(result, row, i)) {
        td.className = 'supp';
        const range = suppressedRange(result, row, i);
        td.textContent = range ? s.suppressedRange(range[0], range[1]) : s.suppressed;
        td.dataset.suppressed = '';
        anySuppressed = true;
      } else {
        td.textContent = cellText(value);
        if (value === null) td.dataset.null = '';
      }
      if (numeric[i]) td.classList.add('num');
    });
  }
  container.replaceChildren(table);
  return anySuppressed;
}
