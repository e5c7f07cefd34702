// English strings of the input template block on /data/; the same shape as vi-input.ts.
import type { viInput } from './vi-input';

export const enInput: typeof viInput = {
  heading: 'Input template for review officers',
  lead: (year: number) => `An Excel template for review ${year}: the columns of the poverty standard in force that year, drop-down lists for the commune code, area, yes/no and recorded status, and a note on each header explaining it (in Vietnamese).`,
  households: (year: number) => `Households reviewed in ${year} (.xlsx)`,
  communes: 'Total households of each unit: communes.xlsx',
  howTo: 'Put the households workbook in the households/ folder and communes.xlsx at the root (keep that file name). Before publishing, check the folder with',
  otherYears: 'Templates of other years:',
  placeholder: { folder: 'FOLDER', report: 'report.html', year: 'YEAR' },
};
