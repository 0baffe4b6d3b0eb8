// Import benchmark (issue 20): one JSON Lines corpus imported into dist/guanxi.html from file://
// in headless Chromium, against the native `guanxi extract` on the same file in the same run.
//
//   node scripts/bench-import.mjs [FILE.jsonl] [PAGE.html]
//
// FILE defaults to the first 2,000 articles of the MSRA corpus (corpora/dh_msra.txt through
// scripts/msra-jsonl.py: 6.4 MB); PAGE to dist/guanxi.html (give another build to compare).
// Reports: the native time (best of 2), the page's time from choosing the file to the drawn
// graph (status "Extracted …", then a frame), where the page extracted (worker or main thread),
// and the longest main-thread tasks (PerformanceObserver `longtask`, ≥ 50 ms by definition)
// during the import and in the 3 s after it, with the frame intervals meanwhile.
import { launch } from '../tests/e2e/browser.mjs';
import { fileUrl, msraJsonl, openSettled, PROBES } from './bench-lib.mjs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const file = process.argv[2] || msraJsonl(1, 2000, 'import');
const page = fileUrl(process.argv[3] || 'dist/guanxi.html');
const bytes = execFileSync('wc', ['-c', file]).toString().trim().split(' ')[0];
const articles = execFileSync('wc', ['-l', file]).toString().trim().split(' ')[0];

function native() {
  const t0 = process.hrtime.bigint();
  execFileSync('target/release/guanxi', ['extract', file], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

// Installed before the page's code: long tasks, frame intervals, and when the file was chosen
// and the graph drawn.
const init = `(() => {${PROBES}  window.__log = [];
  new MutationObserver(() => {
    const s = document.getElementById('status');
    const box = document.getElementById('import-progress-box');
    const line = (s ? s.textContent.slice(0, 40) : '') + ' | ' + (box && !box.hidden ? (document.getElementById('import-progress-text') || {}).textContent : '-');
    if (!window.__log.length || window.__log[window.__log.length - 1][1] !== line) window.__log.push([performance.now(), line]);
    // Done: a large import's "Extracted …", or a small one's "Loaded …" with no progress box.
    const small = box && box.hidden && /^Loaded \\d+/.test(s.textContent);
    if (!window.__t1 && s && (/Extracted \\d+ articles/.test(s.textContent) || small)) {
      const ran = window.guanxi.importRan ? window.guanxi.importRan() : 'older build';
      requestAnimationFrame(() => { window.__t1 = performance.now(); window.__where = (ran || 'main thread (not a large import)').replace('-', ' '); });
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

const browser = await launch();
try {
  const nat = Math.min(native(), native());
  const { context, page: p } = await openSettled(browser, page, init, { width: 1400, height: 900 });
  await p.setInputFiles('[data-testid=import]', [file]);
  await p.waitForFunction(() => window.__t1, null, { timeout: 600000 });
  await p.waitForTimeout(3000);
  const r = await p.evaluate(() => ({ t0: window.__t0, t1: window.__t1, long: window.__long, frames: window.__frames,
    where: window.__where, noLong: window.__noLongtask, log: window.__log }));
  if (process.env.BENCH_DEBUG) {
    const ev = [...r.long.filter(([s]) => s >= r.t0).map(([s, d]) => [s, `LONG ${d.toFixed(0)} ms`]), ...r.log.filter(([t]) => t >= r.t0 - 50)];
    for (const [t, what] of ev.sort((a, b) => a[0] - b[0])) console.log(`  +${(t - r.t0).toFixed(0)} ms: ${what}`);
  }
  await context.close();
  const during = r.long.filter(([s]) => s >= r.t0 && s < r.t1).map(([, d]) => d);
  const after = r.long.filter(([s]) => s >= r.t1).map(([, d]) => d);
  const gaps = r.frames.filter(([t]) => t >= r.t0 && t < r.t1 + 3000).map(([, d]) => d).sort((a, b) => a - b);
  const max = (xs) => (xs.length ? Math.max(...xs).toFixed(0) : 'none over 50');
  const page_ms = r.t1 - r.t0;
  console.log(`import ${articles} articles, ${(bytes / 1e6).toFixed(1)} MB (${path.basename(file)}), page ${path.basename(page)}:`);
  console.log(`  native guanxi extract: ${(nat / 1000).toFixed(2)} s; page to a drawn graph: ${(page_ms / 1000).toFixed(2)} s ` +
    `(${(page_ms / nat).toFixed(2)}x native), extracted in the ${r.where}`);
  console.log(`  longest main-thread task: during the import ${max(during)} ms (${during.length} tasks over 50 ms), ` +
    `after it ${max(after)} ms (${after.length} over 50 ms)` + (r.noLong ? ` [no longtask: ${r.noLong}]` : ''));
  if (gaps.length) {
    console.log(`  frame interval from the import to 3 s after: median ${gaps[gaps.length >> 1].toFixed(1)} ms, ` +
      `p95 ${gaps[Math.floor(gaps.length * 0.95)].toFixed(1)} ms, max ${gaps[gaps.length - 1].toFixed(0)} ms`);
  }
} finally {
  await browser.close();
}
