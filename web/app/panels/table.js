// Table: a breakdown's rows, largest first; a click on a row filters the dashboard by it.
import { formatValue, humanize, metricName } from '../format.js';
import { Panel } from './panel.js';

export class TablePanel extends Panel {
  constructor(def, ctx) {
    super(def, ctx);
    this.body.classList.add('rows-table');
  }

  draw(data) {
    const by = data.by || 'key';
    const total = data.rows.reduce((s, r) => s + (r.value || 0), 0);
    const share = !data.metric?.includes('rate') && !data.metric?.includes('per_10k');
    const table = document.createElement('table');
    table.innerHTML = `<thead><tr><th scope="col"></th><th scope="col" class="num"></th>${share ? '<th scope="col" class="num">Share</th>' : ''}</tr></thead><tbody></tbody>`;
    table.querySelector('th').textContent = humanize(by);
    table.querySelectorAll('th')[1].textContent = metricName(data.metric);
    const body = table.querySelector('tbody');
    for (const r of data.rows) {
      const tr = document.createElement('tr');
      tr.dataset.key = r.key;
      tr.tabIndex = 0;
      tr.innerHTML = `<td></td><td class="num"></td>${share ? '<td class="num"></td>' : ''}`;
      tr.cells[0].textContent = humanize(r.key);
      tr.cells[1].textContent = formatValue(data.metric, r.value);
      if (share) {
        tr.cells[2].textContent = total ? `${((100 * r.value) / total).toFixed(1)}%` : '—';
      }
      const pick = () => this.ctx.crossFilter(by, r.key);
      tr.addEventListener('click', pick);
      tr.addEventListener('keydown', (e) => e.key === 'Enter' && pick());
      body.append(tr);
    }
    if (!data.rows.length) {
      body.innerHTML = '<tr><td class="note" colspan="3">No data for these filters</td></tr>';
    }
    this.body.replaceChildren(table);
  }
}
