// The filter bar: countries (with region shortcuts), post, workstation (narrowed by the chosen
// countries and post), period (quarter picker or from/to), interval, and the cross-filters
// picked by clicking charts. Every change goes to onChange(newState); the URL follows.
import { COUNTRY_NAMES, humanize } from './format.js';
import { EXTRA_FILTERS, copyState, recentQuarters, variable } from './state.js';

const INTERVALS = ['day', 'week', 'month', 'quarter', 'year'];

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) {
      e.addEventListener(k.slice(2), v);
    } else if (v !== false && v !== null && v !== undefined) {
      e.setAttribute(k, v === true ? '' : v);
    }
  }
  e.append(...children);
  return e;
}

const option = (value, label, selected) => el('option', { value, selected: selected || null }, label);

export class FilterBar {
  /** catalog: {regions:[{id,name,countries}], posts:[{id,name,country,workstations}]} */
  constructor(root, catalog, onChange) {
    this.root = root;
    this.catalog = catalog;
    this.onChange = onChange;
  }

  render(def, state) {
    this.def = def;
    this.state = state;
    const names = new Set((def.variables || []).map((v) => v.name));
    const label = (n, fallback) => (def.variables || []).find((v) => v.name === n)?.label || fallback;
    const parts = [];
    if (names.has('country') || names.has('region')) {
      parts.push(this.countryPicker(label('country', 'Country')));
    }
    if (names.has('post')) {
      parts.push(this.postPicker(label('post', 'Post')));
    }
    if (names.has('workstation')) {
      parts.push(this.workstationPicker(label('workstation', 'Workstation')));
    }
    if (names.has('period')) {
      parts.push(...this.periodPicker(label('period', 'Period')));
    }
    if (names.has('interval')) {
      parts.push(this.intervalPicker(label('interval', 'Interval')));
    }
    parts.push(this.chips());
    this.root.replaceChildren(...parts);
  }

  change(mutate) {
    const next = copyState(this.state);
    mutate(next);
    for (const k of Object.keys(next.filters)) {
      if (!next.filters[k]?.length) {
        delete next.filters[k];
      }
    }
    this.onChange(next);
  }

  allCountries() {
    const set = new Set(this.catalog.regions.flatMap((r) => r.countries));
    this.catalog.posts.forEach((p) => set.add(p.country));
    return [...set].sort((a, b) => humanize(a).localeCompare(humanize(b)));
  }

  /** Countries in force: an explicit list, a region's, or null for all. */
  chosenCountries(state = this.state) {
    if (state.filters.country?.length) {
      return state.filters.country;
    }
    const region = this.catalog.regions.find((r) => r.id === state.region);
    return region ? region.countries : null;
  }

  /** Shortcuts: every region, and "not R" for a region inside a larger one (not Mekong). */
  shortcuts() {
    const out = [{ label: 'All', apply: (s) => { s.region = ''; delete s.filters.country; } }];
    for (const r of this.catalog.regions) {
      out.push({ label: r.name, apply: (s) => { s.region = r.id; delete s.filters.country; } });
    }
    for (const r of this.catalog.regions) {
      const parent = this.catalog.regions.find((o) => o !== r && o.countries.length > r.countries.length
        && r.countries.every((c) => o.countries.includes(c)));
      if (parent) {
        out.push({ label: `Not ${r.name}`, apply: (s) => {
          s.region = '';
          s.filters.country = parent.countries.filter((c) => !r.countries.includes(c));
        } });
      }
    }
    return out;
  }

  countrySummary() {
    const region = this.catalog.regions.find((r) => r.id === this.state.region);
    const list = this.state.filters.country;
    if (list?.length) {
      return list.length <= 3 ? list.map(humanize).join(', ') : `${list.length} countries`;
    }
    return region ? region.name : 'All countries';
  }

  countryPicker(label) {
    const chosen = this.chosenCountries();
    const menu = el('div', { class: 'menu' });
    const shortcuts = el('div', { class: 'shortcuts', role: 'group', 'aria-label': 'Shortcuts' });
    for (const s of this.shortcuts()) {
      shortcuts.append(el('button', { type: 'button', 'data-shortcut': s.label, onclick: () => this.change(s.apply) }, s.label));
    }
    menu.append(shortcuts);
    for (const c of this.allCountries()) {
      const box = el('input', { type: 'checkbox', value: c, checked: !chosen || chosen.includes(c) ? true : null,
        onchange: (e) => this.change((s) => {
          const now = new Set(this.chosenCountries(s) || this.allCountries());
          if (e.target.checked) {
            now.add(c);
          } else {
            now.delete(c);
          }
          s.region = '';
          s.filters.country = now.size === this.allCountries().length ? [] : [...now];
        }) });
      menu.append(el('label', {}, box, `${COUNTRY_NAMES[c] || c} (${c})`));
    }
    const details = el('details', { class: 'country-picker' }, el('summary', { 'aria-label': `${label}: ${this.countrySummary()}` },
      this.countrySummary()), menu);
    return el('div', { class: 'field' }, label, details);
  }

  postsInScope() {
    const countries = this.chosenCountries();
    return this.catalog.posts.filter((p) => !countries || countries.includes(p.country));
  }

  postPicker(label) {
    const chosen = this.state.filters.post?.[0] || '';
    const select = el('select', { name: 'post', onchange: (e) => this.change((s) => {
      s.filters.post = e.target.value ? [e.target.value] : [];
      delete s.filters.workstation;
    }) }, option('', 'All posts', !chosen));
    for (const p of this.postsInScope()) {
      select.append(option(p.id, `${p.name} (${p.id})`, p.id === chosen));
    }
    return el('label', {}, label, select);
  }

  workstationPicker(label) {
    const chosen = this.state.filters.workstation?.[0] || '';
    const posts = this.state.filters.post?.length
      ? this.postsInScope().filter((p) => this.state.filters.post.includes(p.id)) : this.postsInScope();
    const select = el('select', { name: 'workstation', onchange: (e) => this.change((s) => {
      s.filters.workstation = e.target.value ? [e.target.value] : [];
    }) }, option('', 'All workstations', !chosen));
    for (const p of posts) {
      const group = el('optgroup', { label: p.name });
      p.workstations.forEach((w) => group.append(option(w.id, w.name, w.id === chosen)));
      select.append(group);
    }
    return el('label', {}, label, select);
  }

  periodPicker(label) {
    const custom = Boolean(this.state.from || this.state.to);
    const current = custom ? 'custom' : variable(this.def, this.state, 'period') || 'current';
    const labels = ['current', ...recentQuarters(12), ...[0, 1, 2, 3, 4].map((i) => String(new Date().getFullYear() - i))];
    if (!labels.includes(current) && current !== 'custom') {
      labels.splice(1, 0, current);
    }
    const select = el('select', { name: 'period', onchange: (e) => this.change((s) => {
      if (e.target.value === 'custom') {
        s.period = '';
        s.from ||= `${new Date().getFullYear()}-01-01`;
        s.to ||= new Date().toISOString().slice(0, 10);
      } else {
        s.period = e.target.value === 'current' ? '' : e.target.value;
        s.from = '';
        s.to = '';
      }
    }) });
    for (const l of labels) {
      select.append(option(l, l === 'current' ? 'Current quarter' : l, l === current));
    }
    select.append(option('custom', 'From … to …', current === 'custom'));
    const parts = [el('label', {}, label, select)];
    if (custom) {
      for (const k of ['from', 'to']) {
        parts.push(el('label', {}, k === 'from' ? 'From' : 'To', el('input', { type: 'date', name: k, value: this.state[k],
          onchange: (e) => this.change((s) => { s[k] = e.target.value; }) })));
      }
    }
    return parts;
  }

  intervalPicker(label) {
    const current = variable(this.def, this.state, 'interval');
    const select = el('select', { name: 'interval', onchange: (e) => this.change((s) => { s.interval = e.target.value; }) });
    INTERVALS.forEach((i) => select.append(option(i, humanize(i), i === current)));
    return el('label', {}, label, select);
  }

  /** Cross-filters and filters the bar has no control for, each removable. */
  chips() {
    const shown = new Set((this.def.variables || []).map((v) => v.name));
    const box = el('div', { class: 'chips', 'aria-label': 'Active filters' });
    for (const [k, vals] of Object.entries(this.state.filters)) {
      if (shown.has(k) && !EXTRA_FILTERS.includes(k)) {
        continue;
      }
      box.append(el('span', { class: 'chip', 'data-filter': k }, `${humanize(k)}: ${vals.map(humanize).join(', ')}`,
        el('button', { type: 'button', 'aria-label': `Remove the ${k} filter`,
          onclick: () => this.change((s) => { delete s.filters[k]; }) }, '×')));
    }
    return box;
  }
}

/** The filters in force, in words, for wall displays (nothing hidden). */
export function describeFilters(def, state, catalog) {
  const bits = [];
  const region = catalog.regions.find((r) => r.id === state.region);
  bits.push(state.filters.country?.length ? `Countries: ${state.filters.country.map(humanize).join(', ')}`
    : region ? `Region: ${region.name}` : 'All countries');
  for (const [k, vals] of Object.entries(state.filters)) {
    if (k !== 'country') {
      bits.push(`${humanize(k)}: ${vals.map(humanize).join(', ')}`);
    }
  }
  const names = new Set((def.variables || []).map((v) => v.name));
  if (state.from || state.to) {
    bits.push(`${state.from || '…'} to ${state.to || '…'}`);
  } else if (names.has('period')) {
    const p = variable(def, state, 'period');
    bits.push(`Period: ${p === 'current' ? 'current quarter' : p}`);
  }
  if (names.has('interval')) {
    bits.push(`by ${variable(def, state, 'interval')}`);
  }
  return bits.join(' · ');
}
