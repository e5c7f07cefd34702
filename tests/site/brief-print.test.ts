// The printed brief (issue 15, item 5): a commune page printed by Chromium to A4 is one page, nothing cut,
// readable in black and white — units of 2019–2024 and of 2025. "Nothing cut" is measured in print
// media at the A4 content width (210 mm less the @page margins of src/styles/print.css): the page's content
// is no taller than one A4 content box and nothing is wider than it or clipped inside a scroll box.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../../support/browser/site';
import { useBuiltSite } from '../lib/use-site';

const site = useBuiltSite();

const MM = 96 / 25.4; // CSS px per mm
/** the @page margin of print.css (one margin for all four sides) */
const MARGIN_MM = Number(/@page \{ size: A4; margin: (\d+(?:\.\d+)?)mm; \}/.exec(readFileSync(join(ROOT, 'src', 'styles', 'print.css'), 'utf8'))![1]);
const CONTENT = { width: (210 - 2 * MARGIN_MM) * MM, height: (297 - 2 * MARGIN_MM) * MM };

/** Pages of a PDF written by Chromium (Skia): one /Type /Page object per page. */
const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;

async function printLayout(path: string): Promise<Page> {
  const page = await site.browser.newPage({ viewport: { width: Math.floor(CONTENT.width), height: Math.floor(CONTENT.height) } });
  await page.goto(site.server.url + path, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  return page;
}

describe.each([
  ['a unit of 2019–2024', 'communes/11470/'],
  // the tallest briefs measured: a 2025 unit in English, an old unit in Vietnamese
  ['a unit of 2025, in English', 'en/communes/2025/11473/'],
  ['a unit of 2019–2024 with much to say', 'communes/11533/'],
])('the A4 brief of %s (/%s)', (_label, path) => {
  it('prints as one A4 page', async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.server.url + path, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfPages(pdf)).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('nothing is cut: the content fits one A4 content box, nothing is wider or clipped', async () => {
    const page = await printLayout(path);
    try {
      const m = await page.evaluate(() => {
        const visible = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        };
        const all = [...document.body.querySelectorAll('*')].filter(visible);
        // (a visually hidden heading is a 1 px clip on purpose: nothing of it is shown, so nothing is cut)
        const clipped = all.filter((el) => el.getBoundingClientRect().width > 1 && el.getBoundingClientRect().height > 1).filter((el) => {
          const s = getComputedStyle(el);
          return /hidden|auto|scroll|clip/.test(s.overflowX + s.overflowY) && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
            && el.tagName !== 'HTML' && el.tagName !== 'BODY';
        }).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        const right = Math.max(...all.map((el) => el.getBoundingClientRect().right));
        // a chart's own text running out of its drawing is cut too (an axis label wider than the margin)
        const cutText = [...document.querySelectorAll('figure.chart svg')].filter(visible).flatMap((svg) => {
          const box = svg.getBoundingClientRect();
          return [...svg.querySelectorAll('text')].filter(visible).filter((t) => {
            const r = t.getBoundingClientRect();
            return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
          }).map((t) => `${svg.closest('figure')?.id}: ${t.textContent}`);
        });
        return {
          height: document.documentElement.scrollHeight,
          width: document.documentElement.scrollWidth,
          right,
          clipped,
          cutText,
          charts: document.querySelectorAll('figure.chart svg').length,
          shownCharts: [...document.querySelectorAll('figure.chart')].filter(visible).length,
          headline: (document.querySelector('h1')?.textContent ?? '').trim(),
        };
      });
      expect(m.headline.length).toBeGreaterThan(3);
      expect(m.shownCharts).toBeGreaterThanOrEqual(1); // the brief is not emptied to fit
      expect(m.height).toBeLessThanOrEqual(Math.ceil(CONTENT.height));
      expect(m.width).toBeLessThanOrEqual(Math.ceil(CONTENT.width));
      expect(m.right).toBeLessThanOrEqual(CONTENT.width + 1);
      expect(m.clipped).toEqual([]);
      expect(m.cutText).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('reads in black and white: hidden cells hatched, legend keys printed, text dark', async () => {
    const page = await printLayout(path);
    try {
      const r = await page.evaluate(() => {
        const visible = (el: Element) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
        const charts = [...document.querySelectorAll('figure.chart')].filter(visible);
        // a mark filled with a pattern: a hidden cell, told apart by its hatching, not by a colour
        const hatched = charts.flatMap((f) => [...f.querySelectorAll('svg [fill^="url(#"]')].filter(visible).map((el) => {
          const id = /url\(#([^)]+)\)/.exec(el.getAttribute('fill') ?? '')?.[1] ?? '';
          const pattern = f.querySelector(`pattern[id="${CSS.escape(id)}"]`);
          return { id, lines: pattern ? pattern.querySelectorAll('line, path').length : 0 };
        }));
        // CSS backgrounds are left out of print by default ("background graphics" off): a legend key must ask
        // to be printed, or the legend shows empty boxes
        const swatches = charts.flatMap((f) => [...f.querySelectorAll('.legend .sw')].filter(visible)).map((el) => {
          const s = getComputedStyle(el) as CSSStyleDeclaration & { printColorAdjust?: string; webkitPrintColorAdjust?: string };
          return { cls: el.className, adjust: s.printColorAdjust || s.webkitPrintColorAdjust || '' };
        });
        const lum = (c: string) => {
          const v = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((x) => Number(x) / 255).map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
          return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
        };
        const lightText = [...document.querySelectorAll('main p, main li, main td, main th, main h1, main h2, main h3, main figcaption')]
          .filter(visible).filter((el) => (el.textContent ?? '').trim()).filter((el) => lum(getComputedStyle(el).color) > 0.18)
          .map((el) => `${el.tagName.toLowerCase()}: ${getComputedStyle(el).color} ${(el.textContent ?? '').trim().slice(0, 40)}`);
        return { hatched, swatches, lightText };
      });
      expect(r.hatched.filter((h) => h.lines === 0)).toEqual([]);
      expect(r.swatches.length).toBeGreaterThan(0);
      expect(r.swatches.filter((s) => s.adjust !== 'exact')).toEqual([]);
      expect(r.lightText).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
