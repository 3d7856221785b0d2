// Post activity: when each post was last heard, how long it has been quiet in its opening hours,
// and whether a silence alert fires for it (GET /api/v1/activity, the alert evaluator's view).
// No polling: it reloads when the live link brings data or an alert, or comes back, at most
// every few seconds; the "N min ago" text ticks locally.
import { getJson } from '../api.js';
import { Panel } from './panel.js';

const MIN_RELOAD_MS = 5000;
const TICK_MS = 15000;
/** Quiet this many open minutes without a silence alert: shown as quiet. */
const QUIET_MINUTES = 15;

export function postState(p) {
  if (p.silenceAlert) {
    return 'silent';
  }
  if (!p.open) {
    return 'closed';
  }
  return p.quietMinutes >= QUIET_MINUTES || !p.lastHeardAt ? 'quiet' : 'active';
}

function ago(iso, now) {
  if (!iso) {
    return 'not since the server started';
  }
  const min = Math.max(0, Math.round((now - Date.parse(iso)) / 60000));
  if (min < 1) {
    return 'just now';
  }
  return min < 90 ? `${min} min ago` : min < 48 * 60 ? `${Math.round(min / 60)} h ago` : `${Math.round(min / 1440)} d ago`;
}

export class ActivityPanel extends Panel {
  constructor(def, ctx) {
    super(def, ctx);
    this.body.classList.add('rows-table');
    this.lastLoad = 0;
    this.timer = null;
    this.onChange = () => this.reload(true);
    this.onLive = () => this.reload(false);
    this.onState = (e) => e.detail === 'live' && this.reload(true);
    ctx.link.addEventListener('data', this.onLive);
    ctx.link.addEventListener('alert', this.onLive);
    ctx.link.addEventListener('state', this.onState);
    this.ticker = setInterval(() => this.data && this.draw(this.data), TICK_MS);
  }

  /** Loads now (filters changed, link back) or, for live news, no sooner than MIN_RELOAD_MS after the last load. */
  reload(now) {
    const wait = now ? 0 : this.lastLoad + MIN_RELOAD_MS - Date.now();
    if (wait > 0) {
      this.timer ??= setTimeout(() => { this.timer = null; this.reload(true); }, wait);
      return;
    }
    this.lastLoad = Date.now();
    const f = this.ctx.filters?.() || {};
    const q = new URLSearchParams();
    for (const k of ['country', 'post']) {
      if (f[k]?.length) {
        q.set(k, f[k].join(','));
      }
    }
    getJson(`/api/v1/activity${q.size ? `?${q}` : ''}`)
      .then((answer) => this.show(answer))
      .catch((e) => this.fail(e.message));
  }

  draw(data) {
    const now = Date.now();
    const table = document.createElement('table');
    table.innerHTML = '<thead><tr><th scope="col">Post</th><th scope="col">State</th>'
      + '<th scope="col">Last heard</th><th scope="col" class="num" title="Minutes of opening hours without a record">Quiet min</th></tr></thead><tbody></tbody>';
    const body = table.querySelector('tbody');
    const order = { silent: 0, quiet: 1, active: 2, closed: 3 };
    const posts = [...data.posts].sort((a, b) => order[postState(a)] - order[postState(b)] || a.post.localeCompare(b.post));
    for (const p of posts) {
      const tr = document.createElement('tr');
      const state = postState(p);
      tr.dataset.key = p.post;
      tr.dataset.state = state;
      tr.tabIndex = 0;
      tr.innerHTML = '<td></td><td><span class="dot"></span> <span class="state"></span></td><td></td><td class="num"></td>';
      tr.cells[0].innerHTML = '<span class="id"></span> <span class="name"></span>';
      tr.cells[0].querySelector('.id').textContent = p.post;
      tr.cells[0].querySelector('.name').textContent = p.name;
      tr.cells[0].title = `${p.name} (${p.country})`;
      tr.querySelector('.state').textContent = state;
      tr.cells[2].textContent = ago(p.lastHeardAt, now);
      tr.cells[3].textContent = String(p.quietMinutes);
      const pick = () => this.ctx.crossFilter('post', p.post);
      tr.addEventListener('click', pick);
      tr.addEventListener('keydown', (e) => e.key === 'Enter' && pick());
      body.append(tr);
    }
    if (!posts.length) {
      body.innerHTML = '<tr><td class="note" colspan="4">No posts for these filters</td></tr>';
    }
    this.body.replaceChildren(table);
  }

  destroy() {
    clearInterval(this.ticker);
    clearTimeout(this.timer);
    this.ctx.link.removeEventListener('data', this.onLive);
    this.ctx.link.removeEventListener('alert', this.onLive);
    this.ctx.link.removeEventListener('state', this.onState);
    super.destroy();
  }
}
