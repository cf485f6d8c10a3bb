// End-to-end test of the page of `sitrep serve` in headless chromium,
// driven by playwright-core (scripts/setup-web.py installs it).
//
//   node tests/e2e/page.mjs URL SCREENSHOT.png [CHROMIUM]
//
// Loads the page on the demo store, filters to one governorate, opens an
// article and checks what is on screen: the table's rows are all in that
// governorate, the map shows them, and the article highlights the actors,
// the trigger, the places and the counts of the event that was opened.
// Prints "e2e: N passed, N failed" (tests/run.sh adds it up).
import { createRequire } from 'node:module';
import path from 'node:path';
import url from 'node:url';

const here = path.dirname(url.fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { chromium } = require(path.join(here, '../../.deps/web/node_modules/playwright-core'));

const [base, shot, exe = '/usr/bin/chromium'] = process.argv.slice(2);
const REGION = process.env.E2E_REGION || 'Damascus Governorate';
let pass = 0, fail = 0;
function check(ok, what, detail) {
  if (ok) pass++;
  else { fail++; console.error('FAIL e2e: ' + what + (detail !== undefined ? ': ' + JSON.stringify(detail) : '')); }
}

let browser;
try {
  browser = await chromium.launch({
    executablePath: exe, headless: true, timeout: 30000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run']
  });
} catch (e) {
  // No browser that can start here: a note, not a failure.
  console.log('e2e: skipped: chromium cannot start (' + String(e.message).split('\n')[0] + ')');
  process.exit(0);
}
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const offsite = [], errors = [];
  page.on('request', r => { if (!r.url().startsWith(base)) offsite.push(r.url()); });
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.setDefaultTimeout(15000);

  await page.goto(base, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]');
  const all = await page.locator('#events tbody tr').count();
  check(all > 0, 'the table lists events on the demo store', all);
  check(await page.locator('#map path.land').count() > 100, 'the map draws the country shapes');
  check(await page.locator('#timeline rect.bar').count() > 0, 'the timeline has bars');

  // Filter to one governorate.
  const regions = await page.locator('#f-admin1 option').allTextContents();
  check(regions.includes(REGION), 'the region filter offers ' + REGION, regions);
  await page.selectOption('#f-admin1', REGION);
  await page.waitForFunction(r => {
    const rows = [...document.querySelectorAll('#events tbody tr td.place')];
    return rows.length > 0 && rows.every(td => td.textContent.includes(r));
  }, REGION);
  const places = await page.locator('#events tbody tr td.place').allTextContents();
  check(places.length > 0 && places.every(p => p.includes(REGION)),
        'every row is in ' + REGION, places);
  check(places.length < all || all === 50, 'the filter narrowed the table', [places.length, all]);
  check(page.url().includes('admin1='), 'the filter is in the address', page.url());
  const dots = await page.locator('#map circle.event').count();
  check(dots > 0, 'the map shows the filtered events', dots);
  const status = await page.locator('#status').textContent();
  check(/^\d+ events?\b/.test(status), 'the status line counts the events', status);

  // The map by places (what it shows by itself past 1,000 events): one
  // dot a place; a click narrows every view to a box around the place,
  // shown beside the filters; clearing it brings the region back.
  await page.check('#map-places');
  await page.waitForSelector('#map[data-mode="places"] circle.place-dot');
  const pdots = page.locator('#map circle.place-dot');
  check(await pdots.count() > 0, 'the map shows the places of the filtered events', await pdots.count());
  check(await page.locator('#map circle.event').count() === 0, 'no event dots in the places view');
  const pname = await pdots.first().getAttribute('data-place');
  await pdots.first().dispatchEvent('click');
  await page.waitForFunction(() => /bbox=/.test(location.hash) &&
                             !document.querySelector('#f-area').hidden);
  await page.waitForFunction(n => {
    const rows = [...document.querySelectorAll('#events tbody tr td.place')];
    return rows.length > 0 && rows.some(td => td.textContent.includes(n));
  }, pname);
  const near = await page.locator('#events tbody tr td.place').allTextContents();
  check(near.length > 0 && near.length <= places.length && near.some(p => p.includes(pname)),
        'clicking a place narrows the table to it', [pname, near.length, places.length]);
  check((await page.locator('#f-area-name').textContent()).includes(pname),
        'the area filter names the place', pname);
  await page.click('#f-area-clear');
  await page.waitForFunction(() => !/bbox=/.test(location.hash) && document.querySelector('#f-area').hidden);
  await page.check('#map-auto');
  await page.waitForSelector('#map[data-mode="events"] circle.event');
  check(await page.locator('#events tbody tr').count() === places.length,
        'clearing the area brings the region back', places.length);

  // Open the article behind the first event.
  const first = page.locator('#events tbody tr').first();
  const eventText = (await first.locator('td').nth(2).textContent()).trim();
  await first.click();
  await page.waitForSelector('#article-panel:not([hidden]) #article-text mark');
  const title = (await page.locator('#article-title').textContent()).trim();
  check(title.length > 0, 'the article has a title', title);
  const count = async sel => page.locator('#article-text ' + sel).count();
  check(await count('mark.actor') > 0, 'actors are highlighted');
  check(await count('mark.trigger') > 0, 'the trigger is highlighted');
  check(await count('mark.place') > 0, 'places are highlighted');
  check(await count('mark.count') > 0, 'counts are highlighted');
  const focus = await page.locator('#article-text mark.focus').allTextContents();
  check(focus.length > 0, 'the opened event\'s spans are marked', focus);
  const on = await page.locator('#article-events .ev.on').allTextContents();
  const code = eventText.split(' ')[0];
  check(on.length === 1 && on[0].includes(code), 'the opened event is the one chosen', [on, code]);
  // The highlighted trigger is a word of the text, not a shifted slice
  // (byte offsets into UTF-8 turned into string indices).
  const trig = await page.locator('#article-text mark.trigger').first().textContent();
  check(/^[A-Za-z][A-Za-z -]*[A-Za-z]$/.test(trig.trim()), 'the trigger is a whole word', trig);

  await page.screenshot({ path: shot, fullPage: false });

  // Code a pasted text whose spans follow characters of two, three and
  // four bytes in UTF-8 (and one or two UTF-16 units): the marks must
  // still cover exactly the words.
  await page.click('#code-panel summary');
  await page.fill('#code-text', 'Ḩaffah — “Über” 🙂 update: Syrian troops stormed the Barzeh district of Damascus on Sunday.');
  await page.click('#code-go');
  await page.waitForFunction(() => document.querySelector('#article-title').textContent === 'Pasted text' &&
                             document.querySelector('#article-text mark.trigger'));
  const marks = await page.locator('#article-text mark').allTextContents();
  check(marks.includes('stormed'), 'POST /code: the trigger of a pasted text', marks);
  check(marks.includes('Syrian troops'), 'POST /code: the actor of a pasted text', marks);

  // Brush the timeline: a drag across it sets the dates of the filter.
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  const box = await page.locator('#timeline .overlay').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.02, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => /from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/.test(location.hash));
  const from = await page.inputValue('#f-from'), to = await page.inputValue('#f-to');
  check(from && to && from <= to, 'brushing the timeline sets the dates', [from, to]);
  await page.waitForFunction(f => [...document.querySelectorAll('#events tbody tr td:first-child')]
    .every(td => td.textContent >= f), from);
  const dates = await page.locator('#events tbody tr td:first-child').allTextContents();
  check(dates.every(d => d >= from && d <= to), 'the table keeps to the brushed dates', [from, to, dates]);

  check(offsite.length === 0, 'nothing is loaded from another host', offsite);
  check(errors.length === 0, 'no script errors', errors);
  await page.screenshot({ path: shot.replace(/\.png$/, '-code.png'), fullPage: false });
  console.log('e2e: screenshots ' + shot + ', ' + shot.replace(/\.png$/, '-code.png'));
} catch (e) {
  check(false, 'the page works', String(e.message || e).split('\n').slice(0, 3).join(' '));
} finally {
  await browser.close();
}
console.log('e2e: ' + pass + ' passed, ' + fail + ' failed');
process.exit(fail ? 1 : 0);
