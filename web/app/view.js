// What every dashboard view shares: the panels' context and the wall footer.
import { describeFilters } from './filterbar.js';

export function viewContext(app, crossFilter) {
  return { link: app.link, alerts: app.alerts, theme: app.theme, scale: app.scale, kiosk: app.kiosk,
    background: app.background, accent: app.accent, crossFilter };
}

export function footer(app, def, state, caption = '') {
  const f = document.querySelector('#wall-footer');
  f.hidden = !app.kiosk;
  if (!app.kiosk) {
    return;
  }
  const span = (cls, text) => Object.assign(document.createElement('span'), { className: cls, textContent: text });
  f.replaceChildren(span('title', def.title), span('filters-shown', describeFilters(def, state, app.catalog)),
    span('slide', caption), span('clock', new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
}
