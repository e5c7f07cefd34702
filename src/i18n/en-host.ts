// English strings of sharing and hosting, the same shape as vi-host.ts.
import type { viHost } from './vi-host';

export const enHost: typeof viHost = {
  share: {
    ogLocale: 'en_US',
    cardTitle: 'Poverty review transparency',
    cardLines: ['Results of the poor and near-poor household reviews', 'of Thủy Nguyên district (Hải Phòng), by commune and year'],
    cardAlt: 'Poverty review transparency — results of the poor and near-poor household reviews of Thủy Nguyên district, by commune and year',
    defaultDescription: 'Results of the poor and near-poor household reviews of Thủy Nguyên district (Hải Phòng), by commune and year.',
  },
  notFound: {
    title: 'Page not found',
    body: 'This address is not on the site. The link may be old or mistyped.',
    home: 'Go to the home page',
  },
};
