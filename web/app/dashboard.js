// One dashboard on screen: its panels on the grid, each subscribed over the live link with the
// query the view state gives it. A new state re-subscribes only the panels whose query changed.
import { panelQuery } from './state.js';
import { ActivityPanel } from './panels/activity.js';
import { AlertsPanel } from './panels/alerts.js';
import { ChartPanel } from './panels/chart.js';
import { KpiPanel } from './panels/kpi.js';
import { TablePanel } from './panels/table.js';

const TYPES = { kpi: KpiPanel, bar: ChartPanel, line: ChartPanel, donut: ChartPanel, map: ChartPanel, table: TablePanel,
  alerts: AlertsPanel, activity: ActivityPanel };

let generation = 0;

export class DashboardView {
  /** ctx: {link, alerts, theme, scale, kiosk, background, crossFilter} */
  constructor(root, def, ctx) {
    this.root = root;
    this.def = def;
    this.ctx = ctx;
    this.panels = [];
    this.state = null;
  }

  mount(state) {
    this.state = state;
    const panelCtx = { ...this.ctx, countries: () => this.state.filters.country, filters: () => this.state.filters };
    this.panels = this.def.panels.map((p) => new (TYPES[p.type] || TablePanel)(p, panelCtx));
    this.root.replaceChildren(...this.panels.map((p) => p.el));
    const rows = Math.max(1, ...this.def.panels.map((p) => (p.grid ? p.grid.y + p.grid.h : 0)));
    this.root.style.setProperty('--row-h', this.ctx.kiosk
      ? `calc((100vh - 3.2em - ${rows + 1} * var(--gap)) / ${rows})` : '');
    this.observer = new ResizeObserver(() => this.panels.forEach((p) => p.resize()));
    this.observer.observe(this.root);
    this.apply(state);
    return this;
  }

  apply(state) {
    this.state = state;
    for (const panel of this.panels) {
      if (!panel.def.query) {
        panel.onChange?.();
        continue;
      }
      const query = panelQuery(panel.def, this.def, state);
      const key = JSON.stringify(query);
      if (panel.queryKey === key) {
        continue;
      }
      if (panel.subId) {
        this.ctx.link.unsubscribe(panel.subId);
      }
      panel.queryKey = key;
      panel.query = query;
      panel.subId = `${panel.def.id}.${++generation}`;
      this.ctx.link.subscribe(panel.subId, query, {
        data: (data) => panel.show(data),
        error: (frame) => panel.fail(frame.message),
      });
    }
  }

  panel(id) {
    return this.panels.find((p) => p.def.id === id);
  }

  destroy() {
    this.observer?.disconnect();
    for (const p of this.panels) {
      if (p.subId) {
        this.ctx.link.unsubscribe(p.subId);
      }
      p.destroy();
    }
    this.panels = [];
  }
}
