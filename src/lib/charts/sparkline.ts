// Tiny per-commune line of the poor rate by review year, for the small multiples. Hand-written SVG:
// 37 of them on one page, so a few nodes each; every panel shares one y scale so they compare.
export function sparkline(points: { review_year: number; poor_rate: number }[], opts: { years: number[]; maxRate: number; label: string; district?: { review_year: number; poor_rate: number }[] }): string {
  const W = 160, H = 56, pad = 6;
  const x = (y: number) => {
    const i = opts.years.indexOf(y);
    return Math.round((pad + (opts.years.length > 1 ? (i * (W - 2 * pad)) / (opts.years.length - 1) : (W - 2 * pad) / 2)) * 10) / 10;
  };
  const y = (r: number) => Math.round((H - pad - (r / (opts.maxRate || 1)) * (H - 2 * pad)) * 10) / 10;
  const path = (pts: { review_year: number; poor_rate: number }[]) => pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.review_year)},${y(p.poor_rate)}`).join('');
  const last = points[points.length - 1];
  const esc = opts.label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc}">`
    + `<path d="M${pad},${H - pad}H${W - pad}" stroke="#999" stroke-width="1"/>`
    + (opts.district ? `<path d="${path(opts.district)}" fill="none" stroke="#555" stroke-width="1.5" stroke-dasharray="2,3"/>` : '')
    + `<path d="${path(points)}" fill="none" stroke="#c0470a" stroke-width="2.5"/>`
    + (last ? `<circle cx="${x(last.review_year)}" cy="${y(last.poor_rate)}" r="3" fill="#c0470a"/>` : '')
    + '</svg>';
}
