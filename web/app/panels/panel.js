// A panel's frame on the 24-column grid: title, export tools, body. Subclasses draw the data.
import { downloadCsv } from '../export.js';

export class Panel {
  /** ctx: {theme, scale, crossFilter(dimension, key), background} */
  constructor(def, ctx) {
    this.def = def;
    this.ctx = ctx;
    this.data = null;
    this.updates = 0;
    const g = def.grid || { x: 0, y: 0, w: 6, h: 4 };
    const el = document.createElement('section');
    el.className = `panel panel-${def.type}`;
    el.dataset.panel = def.id;
    el.style.gridColumn = `${g.x + 1} / span ${g.w}`;
    el.style.gridRow = `${g.y + 1} / span ${g.h}`;
    const titleId = `t-${def.id}`;
    el.setAttribute('aria-labelledby', titleId);
    el.innerHTML = `<header><h2 id="${titleId}"></h2><span class="tools"></span></header><div class="body"></div>`;
    el.querySelector('h2').textContent = def.title;
    this.el = el;
    this.body = el.querySelector('.body');
    this.tool('CSV', `Download the data of “${def.title}” as CSV`, () => this.data && downloadCsv(def.id, this.data));
  }

  tool(label, title, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.title = title;
    b.setAttribute('aria-label', title);
    b.addEventListener('click', action);
    this.el.querySelector('.tools').append(b);
    return b;
  }

  show(data) {
    if (!performance.getEntriesByName('bp-first-data').length) {
      performance.mark('bp-first-data'); // first meaningful paint: the first panel with data
    }
    this.data = data;
    this.updates++;
    this.el.dataset.updates = String(this.updates);
    delete this.el.dataset.error;
    this.body.removeAttribute('data-error');
    this.draw(data);
  }

  fail(message) {
    this.el.dataset.error = message;
    this.body.setAttribute('data-error', message);
  }

  /** Draws an answer in place; overridden per panel type. */
  draw() {}

  resize() {}

  destroy() {
    this.el.remove();
  }
}
