// One WebSocket per page (docs/live-protocol.md): subscriptions survive reconnects, each
// reconnect re-subscribes and so brings a fresh snapshot. The session cookie authenticates.

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15000;

export class LiveLink extends EventTarget {
  constructor(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/live`) {
    super();
    this.url = url;
    this.subs = new Map();
    this.state = 'connecting';
    this.lastDataAt = Date.now();
    this.failures = 0;
    this.ws = null;
  }

  start() {
    this.open();
    return this;
  }

  /** handlers: {data(payload, type), error(frame)} */
  subscribe(id, query, handlers) {
    this.subs.set(id, { query, handlers });
    this.send({ type: 'subscribe', id, query });
  }

  unsubscribe(id) {
    if (this.subs.delete(id)) {
      this.send({ type: 'unsubscribe', id });
    }
  }

  send(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(frame));
    }
  }

  setState(state) {
    if (state !== this.state) {
      this.state = state;
      this.dispatchEvent(new CustomEvent('state', { detail: state }));
    }
  }

  open() {
    this.setState(this.failures === 0 ? 'connecting' : 'down');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.failures = 0;
      this.setState('live');
      for (const [id, s] of this.subs) {
        ws.send(JSON.stringify({ type: 'subscribe', id, query: s.query }));
      }
    };
    ws.onmessage = (m) => {
      this.lastDataAt = Date.now();
      this.receive(JSON.parse(m.data));
    };
    ws.onclose = () => {
      if (this.ws !== ws) {
        return;
      }
      this.failures++;
      this.setState('down');
      this.dispatchEvent(new CustomEvent('closed', { detail: this.failures }));
      const backoff = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** (this.failures - 1));
      setTimeout(() => this.open(), backoff / 2 + Math.random() * backoff / 2);
    };
  }

  receive(f) {
    if (f.type === 'ping') {
      this.send({ type: 'pong' });
      return;
    }
    if (f.type === 'alert') {
      this.dispatchEvent(new CustomEvent('alert', { detail: f }));
      return;
    }
    const sub = this.subs.get(f.id);
    if (!sub) {
      return;
    }
    if (f.type === 'snapshot' || f.type === 'update') {
      sub.handlers.data(f.data, f.type);
      this.dispatchEvent(new Event('data'));
    } else if (f.type === 'error') {
      sub.handlers.error?.(f);
    }
  }

  /** Seconds since the server was last heard from, while the link is down (else 0). */
  staleSeconds() {
    return this.state === 'live' ? 0 : Math.round((Date.now() - this.lastDataAt) / 1000);
  }
}
