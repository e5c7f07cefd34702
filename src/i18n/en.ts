// Every English string of the site: the same shape as vi.ts, which is the source language.
import type { Strings } from './vi';

export const en: Strings = {
  /** chart titles, summaries, axis labels and table headings (src/lib/charts) */
  charts: {
    hidden: (range?: string) => (range ? `hidden (${range} households)` : 'hidden'),
    hiddenLegend: 'hidden to protect households',
    hiddenCells: (n: string, hatched: boolean) => ` ${n} cells are hidden to protect households${hatched ? ' (hatched)' : ''}.`,
    population: { poor: 'Poor', near_poor: 'Near-poor' },
    populationInText: { poor: 'poor households', near_poor: 'near-poor households' },
    titleWithYear: (title: string, year: number) => `${title} — review ${year}`,
    dimension: 'Dimension',
    indicator: 'Indicator',
    reviewYear: 'Review year',
    households: 'Households',

    figure: {
      legend: 'Legend',
      permalink: 'Permalink',
      embed: 'Embed',
      source: 'poor and near-poor household reviews, Thủy Nguyên district',
    },

    series: {
      titleCount: (area: string) => `Poor households by review year, ${area}`,
      titleRate: (area: string) => `Poor household rate: ${area} and the district`,
      target: 'Target: 0',
      one: (area: string, poor: string, rate: string, review: string) => `${area} had ${poor} poor households (${rate}) in the ${review}.`,
      change: (v: { area: string; direction: 'down' | 'up' | 'same'; first: string; firstRate: string; firstYear: number; last: string; lastRate: string; lastYear: number }) =>
        `Poor households in ${v.area} ${{ down: 'fell', up: 'rose', same: 'stayed' }[v.direction]} from ${v.first} (${v.firstRate}, review ${v.firstYear}) to ${v.last} (${v.lastRate}, review ${v.lastYear})`,
      districtRate: (rate: string) => `; the district's rate was ${rate}`,
      targetGap: (gap: string, year: number) => `; ${gap} households short of the target of no poor households (review ${year}).`,
      xLabel: 'Review year (poor households of the next year)',
      yRate: 'Poor household rate (%)',
      yCount: 'Poor households',
      total: 'Total households',
      poor: 'Poor households',
      rate: 'Rate',
      districtRateColumn: 'District rate',
      district: 'District',
      pathToTarget: 'Path to the target',
    },

    movements: {
      measures: { escaped: 'Escaped poverty', exited_other: 'Left the list (not re-assessed)', newly_poor: 'Newly poor', fell_back: 'Fell back into poverty' },
      title: (area: string) => `Movements in and out of poverty, ${area}`,
      summary: (v: { year: number; escaped: string; exitedOther: string; newlyPoor: string; fellBack: string; net: string | null }) =>
        `In the ${v.year} review: ${v.escaped} households escaped poverty, ${v.exitedOther} left the list otherwise, ${v.newlyPoor} became newly poor and ${v.fellBack} fell back${v.net == null ? '' : `: a net change of ${v.net}`}.`,
      none: 'No movements yet: they need two review years.',
      someHidden: ' Some cells are hidden to protect households.',
      yLabel: '← out of poverty · into poverty →',
    },

    deprivationShares: {
      title: (area: string) => `Share of households deprived in each indicator, ${area}`,
      top: (area: string, top: { name: string; share: string }, next?: { name: string; share: string }) =>
        `The most common deprivation of poor households in ${area} is “${top.name}” (${top.share} of poor households)${next ? `, then “${next.name}” (${next.share})` : ''}.`,
      noneDeprived: (indicators: string, area: string) => `In the ${indicators} published indicators, no poor household in ${area} is deprived.`,
      noData: (area: string) => `No publishable deprivation figures for poor households in ${area}.`,
      householdsColumn: (population: string) => `${population} (households)`,
      shareColumn: (population: string) => `${population} (%)`,
    },

    contribution: {
      title: (population: 'poor' | 'near_poor', area: string) => `Each indicator's contribution to ${population === 'poor' ? 'poor households' : 'near-poor households'}' deprivations, ${area}`,
      uncomputable: (hidden: string, indicators: string, population: 'poor' | 'near_poor') =>
        `Contributions cannot be computed: ${hidden} of the ${indicators} indicators of ${population === 'poor' ? 'poor households' : 'near-poor households'} are hidden to protect households. See the headcount chart for the households deprived in each indicator.`,
      summary: (v: { population: 'poor' | 'near_poor'; dimension: string; dimensionShare: string; top: string; topShare: string }) =>
        `The “${v.dimension}” dimension accounts for ${v.dimensionShare} of ${v.population === 'poor' ? 'poor households' : 'near-poor households'}' deprivations; the largest single contributor is “${v.top}” (${v.topShare}).`,
      column: 'Contribution (%)',
    },

    depth: {
      title: (area: string) => `Number of deprivations per household, ${area}`,
      mode: (deprivations: string, households: string, hidden: string) =>
        `The largest group of poor households is deprived in ${deprivations} indicators (${households} households); ${hidden} cells are hidden to protect households, so the average cannot be computed.`,
      allHidden: (hidden: string) => `All ${hidden} cells of poor households are hidden to protect households.`,
      average: (average: string) => `A poor household is deprived in ${average} of the 12 indicators on average (intensity); near-poor households have 0 to 2 by definition.`,
      xLabel: 'Number of deprivations',
      column: 'Deprivations',
    },

    heatmap: {
      title: (population: 'poor' | 'near_poor') => `Share of ${population === 'poor' ? 'poor households' : 'near-poor households'} deprived, by commune and indicator`,
      summary: (v: { areas: string; indicators: string; indicator: string; area: string; share: string; population: 'poor' | 'near_poor' }) =>
        `Heat map of ${v.areas} communes × ${v.indicators} indicators; the highest cell is “${v.indicator}” in ${v.area} (${v.share} of ${v.population === 'poor' ? 'poor households' : 'near-poor households'}).`,
      noCell: 'No publishable cell.',
      commune: 'Commune',
      communeHouseholds: 'Commune (households)',
    },

    support: {
      measures: { in_need: 'In need', supported: 'Supported', in_need_supported: 'In need and supported' },
      title: (area: string, year: number) => `Need and support received by programme, ${area} (review ${year})`,
      summary: (lowest: { name: string; coverage: string }, highest: { name: string; coverage: string }) =>
        `The programme covering the least of its need is “${lowest.name}”: ${lowest.coverage} of households in need received it; the most is “${highest.name}” (${highest.coverage}).`,
      none: 'Coverage of need cannot be computed.',
      program: 'Programme',
      coverage: 'Need covered',
    },
  },

  /** pages, layouts and components (src/components, src/layouts) */
  pages: {
  },
};
