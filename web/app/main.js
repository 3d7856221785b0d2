// The web app: /d/{dashboard} (add ?kiosk=1 for a wall view of one dashboard) and
// /wall?playlist={id}. Signs in with a token when there is no session yet.
import { AlertFeed } from './alerts.js';
import { deleteJson, getJson, postJson } from './api.js';
import { DashboardView } from './dashboard.js';
import { FilterBar } from './filterbar.js';
import { LiveLink } from './live.js';
import { copyState, readState, writeState } from './state.js';
import { footer, viewContext } from './view.js';
import { startWall } from './wall.js';

const $ = (sel) => document.querySelector(sel);

boot().catch((e) => {
  $('#board').textContent = `BorderPulse could not start: ${e.message}`;
});

async function boot() {
  let list;
  try {
    list = await getJson('/api/v1/dashboards');
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      signIn(e.status === 403 ? e.message : '');
      return;
    }
    throw e;
  }
  const [regions, posts] = await Promise.all([getJson('/api/v1/regions'),
    getJson('/api/v1/posts').catch(() => ({ posts: [] }))]);
  const state = readState();
  const wall = location.pathname === '/wall';
  const kiosk = wall || state.kiosk;
  const theme = state.theme || (kiosk ? 'dark' : 'light');
  document.documentElement.dataset.theme = theme;
  if (kiosk) {
    document.documentElement.dataset.kiosk = '';
  }
  const link = new LiveLink().start();
  const app = {
    list, link, theme, kiosk,
    catalog: { regions: regions.regions, posts: posts.posts },
    alerts: new AlertFeed(link),
    scale: Math.max(1, window.innerWidth / 1920) * (kiosk ? 1.3 : 1),
    background: getComputedStyle(document.documentElement).getPropertyValue('--panel').trim(),
    accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
  };
  window.bp = app;
  watchLink(link);
  $('#sign-out').addEventListener('click', () => deleteJson('/api/v1/session').finally(() => location.reload()));
  if (wall) {
    await startWall(app, state);
  } else {
    const id = decodeURIComponent(location.pathname.split('/')[2] || '') || list.dashboards[0]?.id;
    await startDashboard(app, id, state);
  }
}

/** The connection pill, and the stale banner while the link is down. */
function watchLink(link) {
  const pill = $('#link-state');
  const banner = $('#stale');
  const show = () => {
    pill.dataset.state = link.state;
    pill.textContent = link.state === 'live' ? 'live' : link.state === 'down' ? 'reconnecting' : 'connecting…';
    banner.hidden = link.state !== 'down';
    if (!banner.hidden) {
      banner.textContent = `data ${link.staleSeconds()} s old — reconnecting`;
    }
  };
  link.addEventListener('state', show);
  setInterval(show, 1000);
  show();
}

function navigation(list, currentId, state) {
  const keep = copyState(state);
  keep.period = '';
  keep.interval = '';
  $('#nav').replaceChildren(...list.dashboards.map((d) => {
    const a = document.createElement('a');
    a.href = `/d/${encodeURIComponent(d.id)}${writeState(keep)}`;
    a.textContent = d.title;
    if (d.id === currentId) {
      a.setAttribute('aria-current', 'page');
    }
    return a;
  }));
}

/** A click on a chart, a map country or a table row narrows the view to it (again: lifts it). */
export function crossFiltered(state, dimension, key) {
  const next = copyState(state);
  if (dimension === 'period') {
    next.period = next.period === key ? '' : key;
    next.from = '';
    next.to = '';
  } else if (dimension === 'region') {
    next.region = next.region === key ? '' : key;
    delete next.filters.country;
  } else {
    const same = next.filters[dimension]?.length === 1 && next.filters[dimension][0] === key;
    if (same) {
      delete next.filters[dimension];
    } else {
      next.filters[dimension] = [key];
    }
    if (dimension === 'country') {
      next.region = '';
    }
  }
  return next;
}

async function startDashboard(app, id, initial) {
  const def = await getJson(`/api/v1/dashboards/${encodeURIComponent(id)}`);
  document.title = `${def.title} — BorderPulse`;
  let state = initial;
  const apply = (next, push) => {
    state = next;
    if (push) {
      history.pushState(null, '', location.pathname + writeState(next));
    }
    bar.render(def, next);
    view.apply(next);
    navigation(app.list, def.id, next);
    footer(app, def, next);
  };
  const bar = new FilterBar($('#filters'), app.catalog, (next) => apply(next, true));
  const view = new DashboardView($('#board'), def,
    viewContext(app, (dimension, key) => apply(crossFiltered(state, dimension, key), true)));
  app.view = view;
  view.mount(state);
  apply(state, false);
  window.addEventListener('popstate', () => apply(readState(), false));
}


function signIn(message) {
  $('#chrome').hidden = true;
  $('#filters').hidden = true;
  const form = document.createElement('form');
  form.className = 'signin';
  form.innerHTML = `<h1>BorderPulse</h1>
    <p>Sign in with an API token (the admin token is in <code>data/admin-token</code>), or use the
    one-click link <code>./borderpulse demo</code> prints.</p>
    <label for="token">Token</label>
    <input id="token" name="token" type="password" autocomplete="off" required autofocus>
    <p class="error" role="alert"></p>
    <button type="submit">Sign in</button>`;
  form.querySelector('.error').textContent = message;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    postJson('/api/v1/session', { token: form.token.value.trim() })
      .then(() => location.reload())
      .catch((err) => { form.querySelector('.error').textContent = err.message; });
  });
  $('#board').replaceChildren(form);
}
