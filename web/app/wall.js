// Wall displays: a playlist rotating dashboards, each slide for its own duration, with the
// filters in words on screen; while a critical alert fires it holds the Alerts view.
import { getJson } from './api.js';
import { DashboardView } from './dashboard.js';
import { footer, viewContext } from './view.js';
import { withVariables } from './state.js';

export async function startWall(app, state) {
  const { playlists } = await getJson('/api/v1/playlists');
  const playlist = playlists.find((p) => p.id === state.playlist) || (!state.playlist && playlists[0]);
  const board = document.querySelector('#board');
  if (!playlist) {
    board.textContent = `No playlist '${state.playlist}'. Playlists: ${playlists.map((p) => p.id).join(', ') || 'none'}.`;
    return;
  }
  document.title = `${playlist.title} — BorderPulse`;
  const defs = new Map();
  const load = async (id) => {
    if (!defs.has(id)) {
      defs.set(id, await getJson(`/api/v1/dashboards/${encodeURIComponent(id)}`));
    }
    return defs.get(id);
  };
  const alertsId = app.list.dashboards.find((d) => d.id === 'alerts')?.id;
  let view = null;
  let timer = null;
  let index = 0;
  let holding = false;

  const show = async (id, slideState, caption) => {
    const def = await load(id);
    view?.destroy();
    view = new DashboardView(board, def, viewContext(app, () => {})).mount(slideState);
    app.view = view;
    document.documentElement.dataset.slide = id;
    footer(app, def, slideState, caption);
  };

  const next = async () => {
    const n = playlist.slides.length;
    const slide = playlist.slides[index % n];
    index++;
    await show(slide.dashboard, withVariables(state, slide.variables), `${playlist.title} · ${((index - 1) % n) + 1}/${n}`);
    timer = setTimeout(next, slide.seconds * 1000);
  };

  app.alerts.addEventListener('change', () => {
    const critical = app.alerts.criticalFiring().length > 0;
    if (critical && !holding && alertsId) {
      holding = true;
      clearTimeout(timer);
      show(alertsId, state, 'Critical alert firing');
    } else if (!critical && holding) {
      holding = false;
      next();
    }
  });
  await next();
}
