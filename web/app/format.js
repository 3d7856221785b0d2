// How values and codes read on screen: numbers, rates, country names, stable colours per key.

export const COUNTRY_NAMES = {
  BRN: 'Brunei', KHM: 'Cambodia', IDN: 'Indonesia', LAO: 'Laos', MYS: 'Malaysia', MMR: 'Myanmar',
  PHL: 'Philippines', SGP: 'Singapore', THA: 'Thailand', TLS: 'Timor-Leste', VNM: 'Viet Nam',
};

const METRIC_NAMES = {
  scanned_documents: 'Scanned documents', genuine: 'Genuine', fraudulent_documents: 'Fraudulent documents',
  imposters: 'Imposters', fraud_cases: 'Fraud cases', fraud_rate: 'Fraud rate', interceptions: 'Interceptions',
  crossings: 'Crossings', entries: 'Entries', exits: 'Exits',
  interceptions_per_10k_crossings: 'Interceptions per 10k crossings',
};

/** Metrics where a rise is bad news (the KPI arrow turns red). */
const RISE_IS_BAD = new Set(['fraudulent_documents', 'imposters', 'fraud_cases', 'fraud_rate', 'interceptions',
  'interceptions_per_10k_crossings']);

const PALETTE = ['#2f7ed8', '#e4572e', '#29a36a', '#f2a541', '#8e6bd8', '#17becf', '#d6457a', '#8c8c3b',
  '#5b8db8', '#c0504d', '#9bbb59', '#4bacc6'];
const FIXED = {
  genuine: '#29a36a', fraudulent_document: '#e4572e', imposter: '#8e6bd8', entry: '#2f7ed8', exit: '#f2a541',
  THA: '#2f7ed8', VNM: '#e4572e', KHM: '#29a36a', LAO: '#f2a541', MMR: '#8e6bd8', MYS: '#17becf', IDN: '#d6457a',
  PHL: '#8c8c3b', SGP: '#c0504d', BRN: '#5b8db8', TLS: '#9bbb59', asean: '#2f7ed8', mekong: '#e4572e',
};

export const metricName = (id) => METRIC_NAMES[id] || humanize(id);
export const riseIsBad = (id) => RISE_IS_BAD.has(id);
export const isRate = (id) => id === 'fraud_rate' || id === 'interceptions_per_10k_crossings';

const DIMENSION_NAMES = {
  documentType: 'Document type', fraudType: 'Fraud type', issuingCountry: 'Issuing country', nationality: 'Nationality',
  workstation: 'Workstation', post: 'Post', country: 'Country', region: 'Region', outcome: 'Outcome', reason: 'Reason',
  direction: 'Direction', period: 'Period',
};

export function humanize(code) {
  if (!code) {
    return '—';
  }
  if (DIMENSION_NAMES[code]) {
    return DIMENSION_NAMES[code];
  }
  if (COUNTRY_NAMES[code]) {
    return COUNTRY_NAMES[code];
  }
  if (/^[A-Z0-9-]+$/.test(code)) {
    return code;
  }
  const s = code.replaceAll('_', ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 2 });

export function formatValue(metric, v, short = false) {
  if (v === null || v === undefined || Number.isNaN(v)) {
    return '—';
  }
  if (metric === 'fraud_rate') {
    return percent.format(v);
  }
  if (metric === 'interceptions_per_10k_crossings') {
    return oneDecimal.format(v);
  }
  return short && Math.abs(v) >= 10000 ? compact.format(v) : whole.format(v);
}

export function formatChange(change) {
  if (change === null || change === undefined) {
    return null;
  }
  return `${change > 0 ? '▲' : change < 0 ? '▼' : '■'} ${percent.format(Math.abs(change))}`;
}

function hash(s) {
  let h = 0;
  for (const c of s) {
    h = (h * 31 + c.charCodeAt(0)) | 0;
  }
  return Math.abs(h);
}

/** The same key gets the same colour on every chart and after every update. */
export const colorFor = (key) => FIXED[key] || PALETTE[hash(String(key)) % PALETTE.length];

/** A key with a colour of its own (countries, outcomes, directions), else null. */
export const fixedColor = (key) => FIXED[key] || null;
