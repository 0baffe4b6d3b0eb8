// A minimal W3C WebDriver client (plain HTTP + JSON through node's fetch) for browsers
// playwright-core cannot drive with Debian's builds: Firefox ESR through geckodriver (installed
// from crates.io by scripts/setup.sh).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Empties the page's storage: localStorage, and the saved work in IndexedDB (emptied rather
 * than deleted: a deletion would wait for the page's open connection). */
export const CLEAR_STORAGE = `localStorage.clear(); return new Promise((done) => {
  const r = indexedDB.open('guanxi', 1);
  r.onupgradeneeded = () => r.result.createObjectStore('work');
  r.onsuccess = () => { const t = r.result.transaction('work', 'readwrite'); t.objectStore('work').clear();
    t.oncomplete = () => { r.result.close(); done(true); }; };
  r.onerror = () => done(false);
})`;

/** Runs `body` with a new Firefox session, which it then ends whatever happens. */
export async function withFirefox(body) {
  const ff = await startFirefox();
  try {
    return await body(ff);
  } finally {
    await ff.quit();
  }
}

export async function startFirefox() {
  const port = await freePort();
  const driver = spawn(process.env.GECKODRIVER || 'geckodriver', ['--port', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  driver.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const j = await r.json();
    if (j.value && j.value.error) throw new Error(`${j.value.error}: ${j.value.message}`);
    return j.value;
  };
  // geckodriver takes a moment to listen.
  for (let i = 0; ; i++) {
    try { await call('GET', '/status'); break; } catch (e) {
      if (i > 100) throw new Error(`geckodriver did not start: ${e.message}\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const session = await call('POST', '/session', {
    capabilities: { alwaysMatch: {
      browserName: 'firefox',
      'moz:firefoxOptions': { binary: process.env.FIREFOX || '/usr/bin/firefox-esr', args: ['-headless', '-width', '1400', '-height', '900'] },
    } },
  });
  const id = session.sessionId;
  const s = (method, path, body) => call(method, `/session/${id}${path}`, body);
  return {
    version: session.capabilities.browserVersion,
    goto: (url) => s('POST', '/url', { url }),
    eval: (script, ...args) => s('POST', '/execute/sync', { script, args }),
    find: async (css) => Object.values(await s('POST', '/element', { using: 'css selector', value: css }))[0],
    click: (el) => s('POST', `/element/${el}/click`, {}),
    /** Types `text` into element `el` (`\uE007` is Enter). */
    type: (el, text) => s('POST', `/element/${el}/value`, { text }),
    /** Clicks at (x, y) CSS px from the top-left of element `el`. */
    clickAt: async (el, x, y, w, h) => s('POST', '/actions', { actions: [{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [
        // Offsets are from the element's centre.
        { type: 'pointerMove', origin: { 'element-6066-11e4-a52e-4f735466cecf': el }, x: Math.round(x - w / 2), y: Math.round(y - h / 2) },
        { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 },
      ],
    }] }),
    /** Performs W3C actions (input sources as the spec names them). */
    actions: (actions) => s('POST', '/actions', { actions }),
    /** Sizes the window so that the page's viewport is `width` × `height` CSS px. */
    async viewport(width, height) {
      for (let i = 0; i < 3; i++) {
        const [iw, ih, ow, oh] = await s('POST', '/execute/sync', { script: 'return [innerWidth, innerHeight, outerWidth, outerHeight]', args: [] });
        if (iw === width && ih === height) return;
        await s('POST', '/window/rect', { width: ow + width - iw, height: oh + height - ih });
      }
    },
    async waitFor(script, what, timeout = 20000) {
      const end = Date.now() + timeout;
      for (;;) {
        const v = await s('POST', '/execute/sync', { script, args: [] });
        if (v) return v;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    /** Opens `url` and waits until the page is ready. */
    async openReady(url) {
      await this.goto(url);
      await this.waitFor('return document.documentElement.dataset.ready === "1"', 'data-ready');
    },
    /** Opens `url` with nothing kept from earlier tests: storage cleared, then a fresh load. */
    async openFresh(url) {
      await this.openReady(url);
      await this.eval(CLEAR_STORAGE);
      await this.goto('about:blank');
      await this.openReady(url);
    },
    /** Chooses `file` (a path) in the page's import input. */
    async importFile(file) {
      await this.type(await this.find('[data-testid=import]'), file);
    },
    async quit() {
      try { await s('DELETE', ''); } finally { driver.kill(); }
    },
  };
}
