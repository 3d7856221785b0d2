// Bar, line, donut and map panels on ECharts. Updates merge into the live chart, so zoom,
// legend selection and hover survive; a click filters the dashboard (cross-filtering).
import { downloadPng } from '../export.js';
import { breakdownBarOption, donutOption, mapOption, seriesOption } from './options.js';
import { Panel } from './panel.js';

let mapReady = null;

/** The map boundaries are loaded once per page. */
function loadMap() {
  mapReady ??= fetch('/app/asean.geo.json').then((r) => r.json()).then((geo) => echarts.registerMap('asean', geo));
  return mapReady;
}

export class ChartPanel extends Panel {
  constructor(def, ctx) {
    super(def, ctx);
    this.tool('PNG', `Download “${def.title}” as a PNG image`, () => this.chart
      && downloadPng(def.id, this.chart, this.ctx.background));
    const holder = document.createElement('div');
    holder.className = 'chart';
    holder.setAttribute('role', 'img');
    holder.setAttribute('aria-label', def.title);
    this.body.append(holder);
    this.holder = holder;
    this.chart = null;
  }

  async draw(data) {
    if (this.def.type === 'map') {
      await loadMap();
    }
    if (!this.chart) {
      this.chart = echarts.init(this.holder, this.ctx.theme === 'dark' ? 'dark' : null);
      this.chart.on('click', (p) => this.clicked(p));
      // Drawn and done animating: screenshots and tests wait for it.
      this.chart.on('finished', () => { this.el.dataset.drawn = String(this.updates); });
    }
    this.chart.setOption(this.option(data), { replaceMerge: ['series'] });
  }

  option(data) {
    if (data.series) {
      return seriesOption(this.def, data, this.ctx);
    }
    switch (this.def.type) {
      case 'donut': return donutOption(this.def, data, this.ctx);
      case 'map': return mapOption(this.def, data, this.ctx);
      default: return breakdownBarOption(this.def, data, this.ctx);
    }
  }

  clicked(p) {
    const q = this.def.query;
    if (this.def.type === 'map') {
      this.ctx.crossFilter('country', p.name);
    } else if (q.kind === 'breakdown') {
      this.ctx.crossFilter(q.by, p.data?.key ?? p.name);
    } else if (q.groupBy) {
      this.ctx.crossFilter(q.groupBy, p.seriesId);
    } else if (p.name) {
      this.ctx.crossFilter('period', p.name);
    }
  }

  resize() {
    this.chart?.resize();
  }

  destroy() {
    this.chart?.dispose();
    super.destroy();
  }
}
