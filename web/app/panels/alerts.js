// Alert list: firing first, then pending, then recently resolved; each explains itself and
// links to the dashboard view filtered to it.
import { postJson } from '../api.js';
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
    if (this.body.contains(document.activeElement) && document.activeElement.tagName === 'INPUT') {
      // Someone is typing an acknowledgement: redraw when they leave the form.
      this.body.addEventListener('focusout', () => setTimeout(() => this.draw(this.data)), { once: true });
      return;
    }
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
      if (a.acknowledged) {
        const ack = document.createElement('div');
        ack.className = 'why ack';
        ack.textContent = `Acknowledged by ${a.acknowledged.by}${a.acknowledged.comment ? `: ${a.acknowledged.comment}` : ''}`;
        li.append(ack);
      } else if (!this.ctx.kiosk && (a.state === 'firing' || a.state === 'pending')) {
        li.append(this.ackForm(a));
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

  /** Acknowledge: who (remembered in this browser) and an optional comment. */
  ackForm(alert) {
    const form = document.createElement('form');
    form.className = 'ack-form';
    form.innerHTML = `<input name="who" required placeholder="Your name" aria-label="Acknowledged by">
      <input name="comment" placeholder="Comment (optional)" aria-label="Comment">
      <button type="submit">Acknowledge</button><span class="error" role="alert"></span>`;
    form.who.value = localStorage.getItem('bp-who') || '';
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      localStorage.setItem('bp-who', form.who.value.trim());
      postJson(`/api/v1/alerts/${encodeURIComponent(alert.id)}/ack`,
        { who: form.who.value.trim(), comment: form.comment.value.trim() })
        .then(() => this.ctx.alerts.refresh())
        .catch((err) => { form.querySelector('.error').textContent = err.message; });
    });
    return form;
  }

  destroy() {
    this.ctx.alerts.removeEventListener('change', this.onChange);
    super.destroy();
  }
}
