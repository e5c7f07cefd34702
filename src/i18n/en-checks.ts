// English strings of the monitoring checks: the same shape as vi-checks.ts (the source language).
import type { ChecksStrings } from './vi-checks';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const enChecks: ChecksStrings = {
  rule: {
    urban: () => 'urban',
    condition: (c, v) => ({
      income_at_or_under: `income per person at or under the line (VND ${v.rural} per person per month in rural areas, ${v.urban} in ${v.urbanWord} areas)`,
      income_above: `income per person above the line (VND ${v.rural} per person per month in rural areas, ${v.urban} in ${v.urbanWord} areas)`,
      deprivations_at_least: `deprivations in ${v.min} or more indicators`,
      deprivations_fewer: `deprivations in fewer than ${v.min} indicators`,
    })[c],
    reason: (standard, conditions) => `By the rule of the ${standard} standard: ${conditions.join(' and ')}.`,
  },

  mismatch: {
    title: 'Recognised result and the standard’s rule',
    description: 'Households whose recognised result (poor, near-poor, neither) differs from the class the poverty standard’s rule gives, both ways, by review year and commune',
    heading: 'Recognised result against the poverty standard’s rule',
    lead: 'At each review the communes recognise poor and near-poor households. This page sets that result beside the class the poverty standard’s rule gives the same assessed households — from income per person and the number of deprivations — both ways: households recognised that the rule does not include, and households the rule includes that were not recognised.',
    lawfulHeading: 'A mismatch is not an error',
    lawful: 'The review has lawful steps that can lead to another result than the standard’s arithmetic: the assessment of the commune’s review board and the village or neighbourhood meeting; the household’s own views, self-assessment and documents; re-checks; complaints and their resolution. The review data do not record those steps.',
    supervision: 'These figures are therefore a signal for checking and supervision, not proof of error: the district’s official letter asks the Fatherland Front and the socio-political organisations to “step up the checking and supervision of the implementation of poverty reduction policies” (section 11).',
    cell: {
      recorded_poor_rule_near_poor: 'households recognised as poor that do not meet the standard’s rule for poor (by the rule: near-poor)',
      recorded_poor_rule_not_poor: 'households recognised as poor that by the standard’s rule are neither poor nor near-poor',
      recorded_near_poor_rule_poor: 'households recognised as near-poor that meet the standard’s rule for poor',
      recorded_near_poor_rule_not_poor: 'households recognised as near-poor that by the standard’s rule are neither poor nor near-poor',
      recorded_not_poor_rule_poor: 'households assessed but recognised as neither poor nor near-poor that meet the standard’s rule for poor',
      recorded_not_poor_rule_near_poor: 'households assessed but recognised as neither poor nor near-poor that by the standard’s rule are near-poor',
    },
    short: {
      recorded_poor_rule_near_poor: 'Recognised: poor · rule: near-poor',
      recorded_poor_rule_not_poor: 'Recognised: poor · rule: neither',
      recorded_near_poor_rule_poor: 'Recognised: near-poor · rule: poor',
      recorded_near_poor_rule_not_poor: 'Recognised: near-poor · rule: neither',
      recorded_not_poor_rule_poor: 'Recognised: neither · rule: poor',
      recorded_not_poor_rule_near_poor: 'Recognised: neither · rule: near-poor',
    },
    shortNote: '“Neither”: neither poor nor near-poor.',
    cellSentence: (desc, n, hidden) => (n == null ? `${cap(desc)}: ${hidden}` : `${n} ${desc}`),
    ofBase: (share, n, base, group) =>
      `${share} (${n} / ${base} ${{ poor: 'recognised poor households', near_poor: 'recognised near-poor households', not_poor: 'other households of the area' }[group]})`,
    summary: (v) =>
      `Review ${v.year}: ${v.total} households in ${v.area} have a recognised result that differs from the class the standard’s rule gives (${v.rate} of all ${v.totalHouseholds} households)${v.largest ? `; the largest group: ${v.largest}` : ''}.`,
    summaryHidden: (year, area, hidden) => `Review ${year}: households in ${area} whose recognised result differs from the standard’s rule: ${hidden}.`,
    summaryNone: (year, area) => `Review ${year}: the recognised result of every assessed household in ${area} matches the class the standard’s rule gives.`,
    summaryNoSplit: ' This release does not split the mismatches into the two directions yet.',
    denominator: 'The rate is of all resident households of the area (total_households of the poverty table), because the number of households assessed is not published. Each cell is compared with the group it belongs to: the recognised poor, the recognised near-poor, or the other households.',
    sumCheck: (sum, total) => `The six cells add up to ${sum} households, exactly the total of mismatches (${total}).`,
    districtHeading: 'The whole territory over the years',
    chartTitle: (area) => `Recognised result differing from the standard’s rule, both ways, ${area}`,
    chartSummary: (year, total, rate, totalHouseholds) =>
      `Review ${year}: ${total} households have a recognised result that differs from the standard’s rule (${rate} of ${totalHouseholds} households).`,
    chartSummaryHidden: (year) => `Review ${year}: the total of mismatches is hidden to protect households.`,
    chartEmpty: 'No mismatch figures are published yet.',
    cellColumn: 'Recognised · by the rule',
    yearHeading: (label) => `Details, ${label}`,
    reasonsHeading: 'Each direction and the rule’s reason (whole territory)',
    reasonColumn: 'By the standard’s rule, these households have',
    countColumn: 'Households',
    shareColumn: 'Of their group',
    totalLine: (total, rate, totalHouseholds) => `In all, ${total} households with a mismatch (${rate} of ${totalHouseholds} resident households).`,
    totalHidden: (hidden) => `Households with a mismatch in all: ${hidden}.`,
    communesHeading: (unitsLabel) => `By ${unitsLabel}`,
    totalColumn: 'Mismatches in all',
    rateColumn: 'Rate of all households',
    byAreaHeading: 'Each commune and ward over the years',
    byAreaLead: 'One table per unit, in the units of its period (37 communes and towns to 2024; 8 wards and communes from 1 July 2025).',
    unitPage: 'The unit’s page',
    noRows: 'No figures yet.',
    communeLine: (year, total, rate, totalHouseholds) =>
      `Review ${year}: ${total} households have a recognised result that differs from the standard’s rule (${rate} of ${totalHouseholds} households).`,
    communeLineHidden: (year, hidden) => `Review ${year}: households whose recognised result differs from the standard’s rule: ${hidden}.`,
    communeLineNone: (year) => `Review ${year}: the recognised result of every assessed household matches the standard’s rule.`,
    communeLink: 'Details both ways, and why a mismatch is not an error',
  },

  dimensions: {
    heading: 'Deprivation by dimension',
    lead: 'A household is deprived in a dimension when it is deprived in at least one of the dimension’s indicators. The official letter asks every commune to clarify the causes of poverty “for each dimension of deprivation”.',
    chartTitle: (area) => `Share of households deprived by dimension, ${area}`,
    summary: (v) => `The commonest dimension of deprivation among poor households of ${v.area} is “${v.dimension}”: ${v.households} / ${v.base} poor households (${v.share}).`,
    summaryUncertain: (v) =>
      `Among the published cells, the commonest dimension of deprivation among poor households of ${v.area} is “${v.dimension}”: ${v.households} / ${v.base} poor households (${v.share}); ${v.hidden} cells hidden to protect households could be larger.`,
    summaryNone: (area) => `No deprivation by dimension can be published for the poor households of ${area}.`,
    noPoor: (area) => `${cap(area)} has no poor household in this review.`,
    householdsColumn: (population) => `${population}: households / all`,
    shareColumn: (population) => `${population} (%)`,
    indicatorsOnRequest: 'Show each indicator',
    visibility: (dimension, indicator) =>
      `At commune level, the table by dimension shows ${dimension} of its cells (poor and near-poor, all years), against ${indicator} of the table by indicator: small cells are hidden to protect households, and grouping by dimension leaves fewer small cells.`,
    monitoringHeading: 'Monitoring and supervision',
    newlyEscaped: 'Newly escaped households of this unit',
    lastingExits: 'Escaped households one, two and three reviews later',
  },

  whatIf: {
    title: (to) => `If the ${to} poverty standard applied`,
    description: 'The households assessed in the last review under the 2022–2025 standard, classified by the rule of the 2027–2030 standard, beside the recognised results',
    lead: (v) =>
      `The households assessed in ${v.year} (under the ${v.from} standard) are classified again by the rule of the ${v.to} standard: poor when income per person is at or under VND ${v.rural} per month in rural areas, ${v.urban} in ${v.urbanWord} areas, with deprivations in ${v.min} or more indicators; near-poor when income is at or under the line with fewer.`,
    scope: 'This is an estimate for the households assessed in that review, not for the whole population: households not assessed are not in it, although under the higher income lines some of them might qualify. Incomes are those recorded in that review, not re-assessed.',
    whyRange: (v) =>
      `Why a range: ${v.indicators} of the new standard was not collected before the ${v.from} review. Each household is counted both ways: as deprived in it (the most poor, the fewest near-poor households) and as not deprived (the other way round).`,
    dropped: (indicators) => `The indicator ${indicators} no longer counts under the new standard.`,
    sameRule: (from) => `The column “by the ${from} rule” classifies the same households by the old standard, so the comparison is like for like; “recognised” is the result the review recognised.`,
    laterNote: (year) => `The ${year} review was held under the new standard: its recognised counts are set beside.`,
    noLater: (year) => `Once the results of the ${year} review under the new standard are in, its recognised counts will be set beside.`,
    summary: (v) =>
      `Under the ${v.to} standard, the households assessed in ${v.year} in ${v.area} include ${v.poor} poor and ${v.near} near-poor households, against ${v.oldPoor} poor and ${v.oldNear} near-poor by the rule of the ${v.from} standard (recognised: ${v.recPoor} poor, ${v.recNear} near-poor).`,
    summaryLater: (year, poor, near) => ` The ${year} review under the new standard recognised ${poor} poor and ${near} near-poor households.`,
    none: 'This release has no estimate under the new standard.',
    chartTitle: (area, to) => `Poor and near-poor households under the ${to} standard, ${area}`,
    recognised: (year) => `Recognised (review ${year})`,
    oldRule: (from) => `By the ${from} rule`,
    newRule: (to) => `By the ${to} standard (range)`,
    laterRecognised: (year) => `Recognised under the new standard (review ${year})`,
    rangeLegend: 'Light part: the range due to an indicator not collected',
    groupColumn: 'Count',
    valueColumn: 'Households',
    communesHeading: 'By ward and commune',
    poorRecognised: 'Poor, recognised',
    poorOld: (from) => `Poor by the ${from} rule`,
    poorNew: (to) => `Poor under ${to}`,
    nearRecognised: 'Near-poor, recognised',
    nearOld: (from) => `Near-poor by the ${from} rule`,
    nearNew: (to) => `Near-poor under ${to}`,
    laterPoor: (year) => `Poor recognised ${year}`,
    laterNear: (year) => `Near-poor recognised ${year}`,
  },
};
