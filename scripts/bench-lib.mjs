// Shared by the browser benchmarks (bench-import, bench-storage, bench-analysis, bench-browser):
// the MSRA corpus as JSON Lines, a page's file:// URL, and the in-page probes of long tasks and
// frame intervals.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The first `articles` articles of the MSRA corpus written `copies` times over (distinct
 * titles) by scripts/msra-jsonl.py, as a JSON Lines file in a new temporary folder named after
 * `tag`; its path. Throws when corpora/dh_msra.txt is missing. */
export function msraJsonl(copies, articles, tag) {
  if (!existsSync('corpora/dh_msra.txt')) throw new Error('no corpus: give a JSON Lines file');
  const dir = mkdtempSync(path.join(tmpdir(), `guanxi-${tag}-`));
  const all = path.join(dir, `msra-${copies}x.jsonl`);
  execFileSync('python3', ['scripts/msra-jsonl.py', 'corpora/dh_msra.txt', all, String(copies)], { stdio: 'ignore' });
  const file = path.join(dir, `msra-${articles}.jsonl`);
  execFileSync('sh', ['-c', `head -n ${articles} '${all}' > '${file}'`]);
  return file;
}

/** The file:// URL of a page given by its path (relative to the working directory). */
export const fileUrl = (html) => pathToFileURL(path.resolve(html)).href;

/** Statements for an init script, run before the page's code: every long task as
 * `window.__long` [start, duration], every frame as `window.__frames` [time, interval since the
 * last], a failed observer as `window.__noLongtask`, and the time the import's file was chosen
 * as `window.__t0`. */
export const PROBES = `
  window.__long = []; window.__frames = [];
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true }); } catch (e) { window.__noLongtask = String(e); }
  let last = 0;
  const loop = (t) => { if (last) window.__frames.push([t, t - last]); last = t; requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  document.addEventListener('change', (e) => { if (e.target && e.target.id === 'import') window.__t0 = performance.now(); }, true);
`;

/** A new context and page at `url` with `init` run before the page's code, once the page is
 * ready and the recogniser's background load (start-up, not what is timed) is done, and a
 * second more. */
export async function openSettled(browser, url, init, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.addInitScript(init);
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 30000 });
  await page.waitForFunction(() => performance.getEntriesByName('guanxi:lexicons-load').length, null, { timeout: 60000 });
  await page.waitForTimeout(1000);
  return { context, page };
}
