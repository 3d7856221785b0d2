// KPI tile: one metric of a summary, with the change on the previous period.
import { formatChange, formatValue, metricName, riseIsBad } from '../format.js';
import { Panel } from './panel.js';

export class KpiPanel extends Panel {
  constructor(def, ctx) {
    super(def, ctx);
    this.body.innerHTML = '<div class="value" aria-live="polite">…</div><div class="change"></div>';
  }

  draw(data) {
    const metric = this.def.metric;
    const m = data.metrics?.[metric] || {};
    const value = this.body.querySelector('.value');
    value.textContent = formatValue(metric, m.value);
    value.dataset.value = m.value ?? '';
    const change = this.body.querySelector('.change');
    const text = formatChange(m.change);
    change.dataset.dir = m.change > 0 ? 'up' : m.change < 0 ? 'down' : 'flat';
    change.dataset.sense = riseIsBad(metric) ? 'bad' : 'neutral';
    change.textContent = text === null
      ? `no ${data.previous || 'previous'} figure to compare`
      : `${text} vs ${data.previous} (${formatValue(metric, m.previous)})`;
    change.title = `${metricName(metric)} in ${data.period} against ${data.previous}`;
  }
}
