// Alert list: firing first, then pending, then recently resolved; each explains itself and
// links to the dashboard view filtered to it.
import { Panel } from './panel.js';

const ORDER = { firing: 0, pending: 1, resolved: 2 };
const SEVERITY = { critical: 0, warning: 1, info: 2 };

export class AlertsPanel extends Panel {
  constructor(def, ctx) {
    super(def, ctx);
    const feed = ctx.alerts;
    this.onChange = () => this.show({ alerts: this.visible(feed.alerts), available: feed.available });
    feed.addEventListener('change', this.onChange);
    feed.refresh();
  }

  /** Alerts in the dashboard's country filter, when one is set. */
  visible(alerts) {
    const countries = this.ctx.countries?.();
    return alerts.filter((a) => !countries || !a.group?.country || countries.includes(a.group.country));
  }

  draw(data) {
    const list = document.createElement('ul');
    const sorted = [...data.alerts].sort((a, b) => (ORDER[a.state] ?? 3) - (ORDER[b.state] ?? 3)
      || (SEVERITY[a.severity] ?? 3) - (SEVERITY[b.severity] ?? 3) || String(b.since).localeCompare(String(a.since)));
    for (const a of sorted) {
      const li = document.createElement('li');
      li.dataset.severity = a.severity;
      li.dataset.state = a.state;
      li.dataset.alert = a.id;
      li.innerHTML = '<div><span class="state"></span> <span class="what"></span></div><div class="why"></div>';
      li.querySelector('.state').textContent = `${a.state} · ${a.severity}`;
      const group = Object.entries(a.group || {}).map(([k, v]) => `${k} ${v}`).join(', ');
      li.querySelector('.what').textContent = `${a.rule}${group ? ` — ${group}` : ''}`;
      const why = li.querySelector('.why');
      why.textContent = `${a.explanation || ''} Since ${new Date(a.since).toLocaleString()}. `;
      if (a.link) {
        const link = document.createElement('a');
        link.href = a.link;
        link.textContent = 'Open the filtered view';
        why.append(link);
      }
      list.append(li);
    }
    if (!sorted.length) {
      const li = document.createElement('li');
      li.className = 'note';
      li.textContent = data.available ? 'No alerts firing.' : 'Alerting is not available on this server.';
      list.append(li);
    }
    this.body.replaceChildren(list);
  }

  destroy() {
    this.ctx.alerts.removeEventListener('change', this.onChange);
    super.destroy();
  }
}
