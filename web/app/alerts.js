// The alerts the viewer may see: loaded from GET /api/v1/alerts, reloaded when the live link
// brings an `alert` frame or comes back after a drop. No polling.
import { getJson } from './api.js';

export class AlertFeed extends EventTarget {
  constructor(link) {
    super();
    this.alerts = [];
    this.available = true;
    this.pending = null;
    link.addEventListener('alert', () => this.refresh());
    link.addEventListener('state', (e) => e.detail === 'live' && this.refresh());
  }

  refresh() {
    this.pending ??= getJson('/api/v1/alerts')
      .then((answer) => {
        this.alerts = (answer.alerts || []).filter((a) => a.state !== 'normal');
        this.available = true;
      })
      .catch((e) => {
        this.available = e.status !== 404;
        this.error = e.message;
      })
      .finally(() => {
        this.pending = null;
        this.dispatchEvent(new Event('change'));
      });
    return this.pending;
  }

  criticalFiring() {
    return this.alerts.filter((a) => a.state === 'firing' && a.severity === 'critical');
  }
}
