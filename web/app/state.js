// The view state lives in the URL: a link reproduces the view. This module reads and writes
// it and turns it, with a dashboard's variables, into each panel's query.

export const LIST_FILTERS = ['country', 'post', 'workstation'];
export const EXTRA_FILTERS = ['outcome', 'documentType', 'fraudType', 'issuingCountry', 'nationality', 'reason', 'direction'];
const SCALARS = ['region', 'period', 'from', 'to', 'interval', 'theme', 'playlist'];

const splitList = (v) => (v || '').split(',').map((s) => s.trim()).filter(Boolean);

export function readState(search = location.search) {
  const p = new URLSearchParams(search);
  const state = { filters: {}, kiosk: p.has('kiosk') && p.get('kiosk') !== '0' };
  for (const k of SCALARS) {
    state[k] = p.get(k) || '';
  }
  for (const k of [...LIST_FILTERS, ...EXTRA_FILTERS]) {
    const v = splitList(p.get(k));
    if (v.length) {
      state.filters[k] = v;
    }
  }
  return state;
}

export function writeState(state) {
  const p = new URLSearchParams();
  for (const k of [...LIST_FILTERS, ...EXTRA_FILTERS]) {
    if (state.filters[k]?.length) {
      p.set(k, state.filters[k].join(','));
    }
  }
  for (const k of SCALARS) {
    if (state[k]) {
      p.set(k, state[k]);
    }
  }
  if (state.kiosk) {
    p.set('kiosk', '1');
  }
  const s = p.toString().replaceAll('%2C', ',');
  return s ? `?${s}` : '';
}

export function copyState(state) {
  return { ...state, filters: Object.fromEntries(Object.entries(state.filters).map(([k, v]) => [k, [...v]])) };
}

/** Playlist slide variables ({"region":"asean","country":"THA,VNM"}) over a state. */
export function withVariables(state, variables = {}) {
  const s = copyState(state);
  for (const [k, v] of Object.entries(variables)) {
    if (LIST_FILTERS.includes(k) || EXTRA_FILTERS.includes(k)) {
      s.filters[k] = Array.isArray(v) ? v.map(String) : splitList(String(v));
    } else {
      s[k] = String(v);
    }
  }
  return s;
}

/** A variable's value: the state's, else the dashboard's default. */
export function variable(dashboard, state, name) {
  const own = LIST_FILTERS.includes(name) ? (state.filters[name] || []).join(',') : state[name];
  if (own) {
    return own;
  }
  return (dashboard.variables || []).find((v) => v.name === name)?.default || '';
}

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

export function currentQuarter(now = new Date()) {
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

/** 'current' means the current quarter. */
export function resolvePeriod(label) {
  return label === 'current' ? currentQuarter() : label;
}

/** The first and last day a period label covers (2025, 2025-Q2, 2025-05, 2025-W09, 2025-05-03). */
export function periodRange(label) {
  let m;
  if ((m = /^(\d{4})$/.exec(label))) {
    return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(label))) {
    const y = +m[1], q = +m[2];
    return { from: iso(new Date(Date.UTC(y, (q - 1) * 3, 1))), to: iso(new Date(Date.UTC(y, q * 3, 0))) };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(label))) {
    return { from: `${label}-01`, to: iso(new Date(Date.UTC(+m[1], +m[2], 0))) };
  }
  if ((m = /^(\d{4})-W(\d{2})$/.exec(label))) {
    const jan4 = new Date(Date.UTC(+m[1], 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (+m[2] - 1) * 7 * 864e5);
    return { from: iso(monday), to: iso(new Date(monday.getTime() + 6 * 864e5)) };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) {
    return { from: label, to: label };
  }
  return null;
}

/** The last n quarter labels, newest first. */
export function recentQuarters(n, now = new Date()) {
  const out = [];
  let y = now.getFullYear(), q = Math.floor(now.getMonth() / 3) + 1;
  for (let i = 0; i < n; i++) {
    out.push(`${y}-Q${q}`);
    if (--q === 0) {
      q = 4;
      y--;
    }
  }
  return out;
}

/**
 * A panel's query: its own parameters ("$name" takes the variable's value), then every filter
 * of the view that the panel does not set itself. The period narrows summaries and breakdowns
 * to it; a trend (series) runs up to the period's end, or over an explicit from/to.
 */
export function panelQuery(panel, dashboard, state) {
  const q = {};
  for (const [k, v] of Object.entries(panel.query)) {
    const value = typeof v === 'string' && v.startsWith('$') ? variable(dashboard, state, v.slice(1)) : v;
    if (value !== '' && value !== undefined) {
      q[k] = value;
    }
  }
  for (const [k, vals] of Object.entries(state.filters)) {
    if (!(k in q)) {
      q[k] = vals.join(',');
    }
  }
  if (state.region && !('region' in q) && !('country' in q)) {
    q.region = state.region;
  }
  const explicit = state.from && state.to ? { from: state.from, to: state.to } : null;
  const label = resolvePeriod(q.period || variable(dashboard, state, 'period'));
  if (q.kind === 'summary') {
    delete q.period;
    if (!q.from && !q.to) {
      if (explicit) {
        Object.assign(q, explicit);
      } else {
        q.period = label || currentQuarter();
      }
    }
    return q;
  }
  delete q.period;
  const range = explicit || (label ? periodRange(label) : null);
  if (range && !q.from && !q.to) {
    if (q.kind === 'breakdown' || explicit) {
      Object.assign(q, range);
    } else {
      q.to = range.to;
    }
  }
  return q;
}
