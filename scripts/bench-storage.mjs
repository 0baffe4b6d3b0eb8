// Storage benchmark (issue 20 item 2): a 10,000-article corpus (the MSRA text, 25 sentences an
// article, written 5 times over with distinct titles by scripts/msra-jsonl.py, first 10,000
// articles; never committed) imported into dist/guanxi.html from file:// in headless Chromium,
// saved (IndexedDB) and reopened by a reload.
//
//   nice -n 5 node scripts/bench-storage.mjs [FILE.jsonl] [PAGE.html]
//
// Reports: the corpus's size; the time from choosing the file to "Extracted …"; from there to the
// saved work written (window.guanxi.saved()); the saved work's size; the reload's time to a
// ready page showing the corpus; and the page's memory: the renderer processes' peak resident
// size (VmHWM in /proc: wasm memory, JS heap, the worker and the browser's own share) and the
// JS heap (performance.memory), against the corpus size.
import { launch } from '../tests/e2e/browser.mjs';
import { fileUrl, msraJsonl } from './bench-lib.mjs';
import { readFileSync, readdirSync, statSync } from 'node:fs';

const file = process.argv[2] || msraJsonl(5, 10000, 'storage');
const url = fileUrl(process.argv[3] || 'dist/guanxi.html');
const bytes = statSync(file).size;
const MB = (b) => (b / 1e6).toFixed(1);

/** Peak and current resident memory (bytes) of this benchmark's Chromium renderer processes
 * (descendants of this process: other browsers on the machine are left out), summed. */
function renderers() {
  const parent = new Map();
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  for (const pid of pids) {
    try { parent.set(pid, readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]); } catch { /* gone */ }
  }
  const mine = (pid) => { for (let p = pid; p && p !== '1' && p !== '0'; p = parent.get(p)) if (p === String(process.pid)) return true; return false; };
  let peak = 0, now = 0;
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !mine(pid)) continue;
      const st = readFileSync(`/proc/${pid}/status`, 'utf8');
      peak += +st.match(/VmHWM:\s+(\d+)/)[1] * 1024;
      now += +st.match(/VmRSS:\s+(\d+)/)[1] * 1024;
    } catch { /* gone */ }
  }
  return { peak, now };
}

const browser = await launch();
const context = await browser.newContext();
const p = await context.newPage();
await p.goto(url);
await p.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 60000 });
const before = renderers();
const t0 = Date.now();
await p.setInputFiles('[data-testid=import]', [file]);
await p.waitForFunction(() => /Extracted \d+ articles/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 1200000 });
const tImport = Date.now() - t0;
await p.waitForFunction(() => { const s = window.guanxi.saved(); return s.generation >= 1 && !s.writing; }, null, { timeout: 600000 });
const tSave = Date.now() - t0 - tImport;
const status = await p.textContent('[data-testid=status]');
const heap = await p.evaluate(() => performance.memory && performance.memory.usedJSHeapSize);
const saved = await p.evaluate(() => new Promise((done) => {
  const r = indexedDB.open('guanxi', 1);
  r.onsuccess = () => { const g = r.result.transaction('work').objectStore('work').get('guanxi:state');
    g.onsuccess = () => { r.result.close(); done(new Blob([g.result || '']).size); }; };
}));
const imported = renderers();
const t1 = Date.now();
await p.reload();
await p.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 600000 });
await p.waitForFunction(() => document.querySelectorAll('[data-testid=entity-row]').length > 0 && /msra/.test(document.querySelector('#sources').textContent), null, { timeout: 600000 });
const tReopen = Date.now() - t1;
const reopened = renderers();
const sources = await p.textContent('#sources');
await browser.close();

console.log(`corpus: ${file}: ${MB(bytes)} MB, ${readFileSync(file, 'utf8').split('\n').filter(Boolean).length} articles`);
console.log(`status after import: ${status}`);
console.log(`import (choose file → "Extracted"): ${(tImport / 1000).toFixed(1)} s`);
console.log(`save (→ written to IndexedDB): ${(tSave / 1000).toFixed(1)} s; saved work ${MB(saved)} MB (UTF-8)`);
console.log(`reopen (reload → ready, corpus listed): ${(tReopen / 1000).toFixed(1)} s; sources: ${sources.slice(0, 80)}`);
console.log(`renderer memory before import: ${MB(before.now)} MB resident`);
console.log(`renderer peak during import+save: ${MB(imported.peak)} MB = ${(imported.peak / bytes).toFixed(1)}× the corpus; JS heap after: ${MB(heap || 0)} MB`);
console.log(`renderer after reopen: ${MB(reopened.now)} MB resident (peak ${MB(reopened.peak)} MB = ${(reopened.peak / bytes).toFixed(1)}×)`);
