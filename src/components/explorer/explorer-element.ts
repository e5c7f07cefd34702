// <sql-explorer>: wires the editor, builder, history, permalinks and result view to the engine.
import { startEngine, type Engine, type EngineProgress } from '../../lib/explorer/engine';
import { engineSeen } from '../../lib/explorer/engine-boot';
import { engineSupported } from '../../lib/explorer/support';
import { EXPLORER_STRINGS, type ExplorerStrings } from '../../lib/explorer/strings';
import { guardStatement } from '../../lib/explorer/guard';
import { errorPosition } from '../../lib/explorer/error-position';
import { builderSql, normaliseState, type BuilderState } from '../../lib/explorer/builder';
import { areaValueSql } from '../../lib/explorer/area-join';
import { sqlString } from '../../lib/sql';
import { groupedDigits } from '../../lib/digits';
import { readUrlState, writeUrlState } from '../../lib/explorer/url-state';
import { chooseChart } from '../../lib/explorer/chart';
import type { QueryResult } from '../../lib/explorer/result';
import { pageCount, renderTable } from './result-view';
import { drawResultChart } from './chart-view';

const HISTORY_MAX = 50;

/** Resolves once the page has painted text or an image (Paint Timing), or after `ms` at the latest. */
function firstContentfulPaint(ms = 1000): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
    try {
      new PerformanceObserver((list, observer) => {
        if (list.getEntriesByName('first-contentful-paint').length > 0) { observer.disconnect(); resolve(); }
      }).observe({ type: 'paint', buffered: true });
    } catch {
      resolve();
    }
  });
}

class SqlExplorer extends HTMLElement {
  private s!: ExplorerStrings;
  private locale: 'vi' | 'en' = 'vi';
  private engine: Engine | null = null;
  private result: QueryResult | null = null;
  private page = 0;
  private running = false;
  private runs = 0;
  private history: string[] = [];
  /** the builder state whose SQL is in the editor, while the reader has not edited it */
  private builderState: BuilderState | null = null;
  private builderSqlText = '';

  private $<T extends Element = HTMLElement>(selector: string): T {
    const el = this.querySelector<T>(selector);
    if (!el) throw new Error(`explorer markup: missing ${selector}`);
    return el;
  }
  private get editor() { return this.$<HTMLTextAreaElement>('#sql'); }
  private get resultBox() { return this.$('#result'); }

  connectedCallback() {
    this.locale = this.dataset.locale === 'en' ? 'en' : 'vi';
    this.s = EXPLORER_STRINGS[this.locale];
    const url = readUrlState(location.search);
    if (url.builder) this.applyBuilderState(url.builder);
    else this.syncBuilderForm();
    if (url.sql) this.editor.value = url.sql;
    else if (url.builder) this.editor.value = builderSql(url.builder, this.locale);
    // the builder's state stays in the URL for as long as the editor holds the SQL that came with it
    if (url.builder) { this.builderState = url.builder; this.builderSqlText = this.editor.value; }
    this.wire();
    // once the page has painted its text (at most 1 s: a tab in the background paints nothing): started before,
    // the engine's 18 MB and the data were requested before the first paint, and the page's largest paint waited
    // behind them in Lighthouse's model of a phone (LCP ~3.1 s while the text was on screen at once). A returning
    // reader's browser has the engine on disk, compiled: it starts at once.
    const returning = engineSeen();
    void (returning ? Promise.resolve() : firstContentfulPaint()).then(() => this.boot(returning));
  }

  private status(text: string) { this.$('[data-status]').textContent = text; }

  private async boot(returning: boolean) {
    const progress = this.$<HTMLProgressElement>('[data-progress]');
    // checked before anything of the engine is downloaded
    if (!engineSupported()) {
      this.status(this.s.unsupported);
      this.resultBox.dataset.state = 'unsupported';
      return;
    }
    performance.mark('explorer-boot');
    this.status(`${this.s.loadingEngine}…`);
    progress.hidden = false;
    progress.removeAttribute('value');
    try {
      const engineBytes = JSON.parse(this.dataset.engineBytes ?? '{}') as Record<string, number>;
      const onProgress = (p: EngineProgress) => this.showProgress(p, progress);
      const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
      // first thing: the worker starts the engine's download and compilation, and the data's, while the rest loads
      this.engine = await startEngine({ dataUrl: new URL(`${base}data/`, location.href).href, onProgress, engineBytes, returning });
    } catch (e) {
      progress.hidden = true;
      this.status(`${this.s.engineFailed} ${e instanceof Error ? e.message : String(e)}`);
      this.resultBox.dataset.state = 'unsupported';
      return;
    }
    progress.hidden = true;
    performance.mark('explorer-engine-ready');
    this.status(this.s.ready);
    this.$<HTMLButtonElement>('[data-run]').disabled = false;
    this.dataset.ready = '';
    // the editor always holds a query (the URL's, the builder's or the first example): answer it at once
    await this.run({ fromUrl: true });
    // User Timing marks, read by npm run bench:explorer (and visible in any browser's performance panel)
    performance.mark('explorer-first-result');
    void this.fillFilterOptions();
  }

  private showProgress(p: EngineProgress, bar: HTMLProgressElement) {
    if (p.stage === 'engine' && p.bytesTotal > 0) {
      bar.max = p.bytesTotal;
      bar.value = p.bytesLoaded;
      // digits.ts, not Intl: a NumberFormat's first making is a long task on a phone, while the engine loads
      const mb = (n: number) => groupedDigits(n / 1e6, this.locale, 1);
      this.status(`${this.s.loadingEngine}: ${mb(p.bytesLoaded)} / ${mb(p.bytesTotal)} MB`);
    } else if (p.stage === 'data') {
      this.status(this.s.loadingData);
    }
  }

  private wire() {
    this.$('[data-run]').addEventListener('click', () => void this.run());
    this.$('[data-cancel]').addEventListener('click', () => void this.cancel());
    this.editor.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.run();
      }
    });
    this.querySelectorAll<HTMLButtonElement>('[data-example]').forEach((b) => b.addEventListener('click', () => {
      this.editor.value = b.dataset.example ?? '';
      this.builderState = null;
      void this.run();
    }));
    this.$('[data-prev]').addEventListener('click', () => this.showPage(this.page - 1));
    this.$('[data-next]').addEventListener('click', () => this.showPage(this.page + 1));
    this.$('[data-csv]').addEventListener('click', () => void this.downloadCsv());
    this.$('[data-copy-link]').addEventListener('click', () => void this.copyLink());
    const form = this.$<HTMLFormElement>('[data-builder-form]');
    form.addEventListener('change', (e) => {
      if ((e.target as HTMLElement).getAttribute('name') === 'table') this.syncBuilderForm(true);
      else this.syncBuilderForm();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const state = this.readBuilderForm();
      this.builderState = state;
      this.editor.value = this.builderSqlText = builderSql(state, this.locale);
      void this.run();
    });
  }

  // ---- builder form ----
  private builderMeta(): Record<string, { measures: string[]; dimensions: string[] }> {
    return JSON.parse(this.dataset.builder ?? '{}');
  }

  private readBuilderForm(): BuilderState {
    const form = this.$<HTMLFormElement>('[data-builder-form]');
    const data = new FormData(form);
    return normaliseState({
      table: data.get('table'), measure: data.get('measure'), by: data.getAll('by').map(String),
      year: data.get('year'), area: data.get('area'), population: data.get('population'),
      indicator: data.get('indicator'), program: data.get('program'),
    });
  }

  private applyBuilderState(state: BuilderState) {
    const form = this.$<HTMLFormElement>('[data-builder-form]');
    (form.elements.namedItem('table') as HTMLSelectElement).value = state.table;
    this.syncBuilderForm(true);
    (form.elements.namedItem('measure') as HTMLSelectElement).value = state.measure;
    form.querySelectorAll<HTMLInputElement>('input[name="by"]').forEach((i) => { i.checked = state.by.includes(i.value as never); });
    for (const k of ['year', 'area', 'population', 'indicator', 'program'] as const) {
      const select = form.elements.namedItem(k) as HTMLSelectElement;
      if (![...select.options].some((o) => o.value === state[k])) select.add(new Option(state[k], state[k]));
      select.value = state[k];
    }
    this.syncBuilderForm();
    this.$<HTMLDetailsElement>('[data-builder-panel]').open = true;
  }

  /** Shows only the measures and dimensions of the chosen table, and filters only for dimensions held fixed. */
  private syncBuilderForm(tableChanged = false) {
    const form = this.$<HTMLFormElement>('[data-builder-form]');
    const table = (form.elements.namedItem('table') as HTMLSelectElement).value;
    const meta = this.builderMeta()[table];
    if (!meta) return;
    const measure = form.elements.namedItem('measure') as HTMLSelectElement;
    if (tableChanged || measure.options.length === 0) {
      measure.replaceChildren(...meta.measures.map((m) => new Option(m, m)));
    }
    const by = new Set<string>();
    form.querySelectorAll<HTMLInputElement>('input[name="by"]').forEach((i) => {
      const applies = meta.dimensions.includes(i.value);
      (i.parentElement as HTMLElement).hidden = !applies;
      i.disabled = !applies;
      if (applies && i.checked) by.add(i.value);
    });
    form.querySelectorAll<HTMLElement>('[data-filter]').forEach((label) => {
      const dim = label.dataset.filter ?? '';
      const show = meta.dimensions.includes(dim) && !by.has(dim);
      label.hidden = !show;
      label.querySelector('select')!.disabled = !show;
    });
  }

  private async fillFilterOptions() {
    if (!this.engine) return;
    const name = this.locale === 'vi' ? 'name_vi' : 'name_en';
    const lists: [string, string][] = [
      ['year', 'SELECT DISTINCT review_year::VARCHAR AS v, review_year::VARCHAR AS l FROM poverty ORDER BY 1 DESC'],
      // a unit by code and period (areaValueSql): the same code names other territories in other periods
      ['area', `SELECT v, ${name} || ' (' || period || ')' AS l FROM (SELECT ${areaValueSql('a')} AS v, ${name},
        CASE WHEN a.valid_to IS NULL THEN ${sqlString(`${this.s.since} `)} || year(CAST(a.valid_from AS DATE))
             ELSE year(CAST(a.valid_from AS DATE)) || '–' || year(CAST(a.valid_to AS DATE)) END AS period, a.valid_from
        FROM areas a WHERE a.area_level = 'commune') WHERE v IS NOT NULL ORDER BY valid_from DESC, l`],
      // an indicator's name from the indicators table, its code when a release lacks the name
      ['indicator', `SELECT d.indicator_code AS v, coalesce(any_value(i.indicator_name_${this.locale}), d.indicator_code) AS l
        FROM (SELECT DISTINCT indicator_code FROM deprivation) d LEFT JOIN indicators i USING (indicator_code) GROUP BY 1 ORDER BY 2`],
    ];
    const form = this.$<HTMLFormElement>('[data-builder-form]');
    for (const [field, sql] of lists) {
      try {
        const r = await this.engine.query(sql);
        const select = form.elements.namedItem(field) as HTMLSelectElement;
        const keep = select.value;
        const fixed = [...select.options].filter((o) => o.value === 'latest' || o.value === '311');
        select.replaceChildren(...fixed, ...r.rows.map((row) => new Option(String(row[1]), String(row[0]))));
        if ([...select.options].some((o) => o.value === keep)) select.value = keep;
      } catch {
        // a table missing from a release only leaves that filter with its default
      }
    }
  }

  // ---- running ----
  private showError(message: string, offset: number | null) {
    const box = this.$('[data-error]');
    box.textContent = message;
    box.hidden = false;
    this.resultBox.dataset.state = 'error';
    if (offset !== null) {
      this.editor.focus();
      this.editor.setSelectionRange(offset, Math.min(offset + 1, this.editor.value.length));
    }
  }

  private async run(opts: { fromUrl?: boolean } = {}) {
    if (!this.engine || this.running) return;
    try {
      await this.runGuarded(opts);
    } finally {
      // a counter, so scripts and tests can tell one finished run (result, error or refusal) from the next
      this.resultBox.dataset.runs = String(++this.runs);
    }
  }

  private async runGuarded(opts: { fromUrl?: boolean }) {
    const engine = this.engine;
    if (!engine) return;
    const sql = this.editor.value;
    this.$('[data-error]').hidden = true;
    if (!sql.trim()) return;
    const guard = guardStatement(sql);
    if (!guard.ok) {
      const text = this.s.refused[guard.kind] + (guard.kind === 'url' ? ` ${guard.found}` : '');
      this.showError(`${this.s.error}: ${text}`, guard.position);
      this.resultBox.dataset.refused = guard.kind;
      return;
    }
    delete this.resultBox.dataset.refused;
    this.running = true;
    this.resultBox.dataset.state = 'running';
    this.resultBox.setAttribute('aria-busy', 'true');
    const runButton = this.$<HTMLButtonElement>('[data-run]');
    const cancelButton = this.$<HTMLButtonElement>('[data-cancel]');
    runButton.disabled = true;
    cancelButton.hidden = false;
    const started = performance.now();
    try {
      const result = await engine.query(sql);
      const ms = performance.now() - started;
      if (opts.fromUrl) performance.mark('explorer-first-query');
      this.addHistory(sql);
      if (!opts.fromUrl || location.search) this.updateUrl(sql);
      await this.showResult(result, ms);
      // from the click to the table on screen (the chart follows): read by npm run bench:explorer
      performance.measure('explorer-run', { start: started });
    } catch (e) {
      const cancelled = e instanceof Error && e.name === 'QueryCancelled';
      if (cancelled) {
        this.status(this.s.cancelled);
        this.resultBox.dataset.state = 'cancelled';
      } else {
        const message = e instanceof Error ? e.message : String(e);
        const pos = errorPosition(message, sql);
        this.showError(`${this.s.error}${pos ? ` (${this.s.errorAt(pos.line, pos.column)})` : ''}: ${message}`, pos?.offset ?? null);
      }
    } finally {
      this.running = false;
      runButton.disabled = false;
      cancelButton.hidden = true;
      this.resultBox.removeAttribute('aria-busy');
    }
  }

  private async cancel() {
    if (!this.engine || !this.running) return;
    this.status(this.s.restarting);
    const runButton = this.$<HTMLButtonElement>('[data-run]');
    await this.engine.cancel();
    runButton.disabled = false;
    this.status(this.s.cancelled);
  }

  private async showResult(result: QueryResult, ms: number) {
    this.result = result;
    this.page = 0;
    this.$('[data-summary]').textContent = result.rows.length === 0 ? this.s.noRows
      : this.s.rows(result.rows.length, ms) + (result.truncated ? ` — ${this.s.truncated(result.rows.length)}` : '');
    this.$('[data-csv]').hidden = result.columns.length === 0;
    this.showPage(0);
    this.resultBox.dataset.state = 'done';
    void this.showChart(result);
  }

  /** Drawn after the table, so the numbers never wait for the picture. */
  private async showChart(result: QueryResult) {
    const figure = this.$('[data-chart]');
    const spec = chooseChart(result);
    figure.hidden = true;
    if (!spec) return;
    try {
      const box = this.$('[data-chart-svg]');
      const chart = await drawResultChart(spec, result, this.$('[data-summary]').textContent ?? '', this.clientWidth);
      // a later result may have replaced this one while Plot was loading
      if (this.result !== result) return;
      box.replaceChildren(chart);
      figure.hidden = false;
    } catch {
      figure.hidden = true;
    }
  }

  private showPage(page: number) {
    if (!this.result) return;
    const pages = pageCount(this.result);
    this.page = Math.max(0, Math.min(page, pages - 1));
    const suppressed = renderTable(this.resultBox, this.result, this.page, this.s);
    this.$('[data-suppressed-note]').hidden = !suppressed;
    const pager = this.$('[data-pager]');
    pager.hidden = pages <= 1;
    this.$('[data-page]').textContent = this.s.page(this.page + 1, pages);
    this.$<HTMLButtonElement>('[data-prev]').disabled = this.page === 0;
    this.$<HTMLButtonElement>('[data-next]').disabled = this.page >= pages - 1;
  }

  private addHistory(sql: string) {
    this.history = [sql, ...this.history.filter((h) => h !== sql)].slice(0, HISTORY_MAX);
    const list = this.$('[data-history]');
    list.replaceChildren(...this.history.map((h) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'linkish';
      b.textContent = h.length > 120 ? `${h.slice(0, 117)}…` : h;
      b.title = h;
      b.addEventListener('click', () => { this.editor.value = h; this.editor.focus(); });
      li.appendChild(b);
      return li;
    }));
  }

  private updateUrl(sql: string) {
    const builder = this.builderState && sql === this.builderSqlText ? this.builderState : null;
    const search = writeUrlState({ sql, builder });
    history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);
  }

  private async downloadCsv() {
    if (!this.result) return;
    // papaparse is only needed by readers who download
    const { resultToCsv } = await import('../../lib/explorer/csv');
    const blob = new Blob([resultToCsv(this.result)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = this.locale === 'vi' ? 'ket-qua.csv' : 'result.csv';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  private async copyLink() {
    this.updateUrl(this.editor.value);
    try {
      await navigator.clipboard.writeText(location.href);
    } catch {
      // clipboard needs a secure context; the address bar already holds the link
      window.prompt(this.s.copyLink, location.href);
      return;
    }
    this.status(this.s.copied);
  }
}

if (!customElements.get('sql-explorer')) customElements.define('sql-explorer', SqlExplorer);
