/* The page of `sitrep serve`: filters, a map, a timeline with brushing, an
 * events table and an article view.  It talks only to the server that
 * served it (/events, /aggregates, /places, /documents/ID) and loads
 * nothing else: the country shapes (world-atlas) and topojson-client are
 * compiled into the binary.  No text from the data is ever parsed as HTML:
 * everything goes through textContent and createElement. */
'use strict';

(function () {
  const SVGNS = 'http://www.w3.org/2000/svg';
  const PAGE = 50;       // table rows per page
  const MAP_LIMIT = 1000; // events drawn on the map (the largest page); more: places

  // Colours of PLOVER types, by family: violence in reds, coercion and
  // threats in oranges, protest in purple, verbal conflict in browns,
  // cooperation in greens and blues.
  const COLOURS = {
    FIGHT: '#c0392b', ASSAULT: '#8e1b10', COERCE: '#e67e22', THREATEN: '#f0a04b',
    MOBILIZE: '#d35400', SANCTION: '#b9770e', PROTEST: '#8e44ad', DEMAND: '#a0522d',
    DISAPPROVE: '#b08d57', REJECT: '#7f6a4d', INVESTIGATE: '#5d6d7e', RETREAT: '#16a085',
    CONCEDE: '#1abc9c', AID: '#27ae60', COOPERATE: '#2e86c1', SUPPORT: '#5dade2',
    CONSULT: '#3498db', AGREE: '#1f618d'
  };
  const OTHER = '#7f8c8d';
  const colour = t => COLOURS[t] || OTHER;

  const $ = id => document.getElementById(id);
  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  const sel = (tag, attrs) => {
    const e = document.createElementNS(SVGNS, tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  };

  // bbox: west,south,east,north, set by clicking a place on the map
  const FILTERS = ['from', 'to', 'plover', 'actor', 'country', 'admin1', 'bbox'];
  // doc and event: the open document and the stored event opened with it
  // (both kept in the address); focus: the index of the marked event in
  // the document shown.
  // mapMode: 'auto' (events up to MAP_LIMIT, else their places), 'events'
  // or 'places'; area: the name of the place the bbox filter was set from.
  const state = { filters: {}, offset: 0, total: 0, iso: {}, places: [], doc: null, event: null, focus: null,
                  mapMode: 'auto', area: null };
  let seq = 0; // drops replies to superseded requests

  function status(msg, bad) {
    const s = $('status');
    s.textContent = msg || '';
    s.className = bad ? 'bad' : '';
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await r.json(); } catch (e) { /* not JSON */ }
    if (!r.ok) throw new Error((body && body.error) || (r.status + ' ' + r.statusText));
    return body;
  }

  function query(extra, omit) {
    const p = new URLSearchParams();
    for (const k of FILTERS) {
      if (omit && omit.includes(k)) continue;
      if (state.filters[k]) p.set(k, state.filters[k]);
    }
    for (const k in extra || {}) p.set(k, extra[k]);
    const s = p.toString();
    return s ? '?' + s : '';
  }

  /* ---- filters, kept in the address so a view can be shared --------- */

  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    state.filters = {};
    for (const k of FILTERS) if (p.get(k)) state.filters[k] = p.get(k);
    state.offset = Math.max(0, parseInt(p.get('offset') || '0', 10) || 0);
    const d = p.get('doc');
    state.doc = d || null;
    state.event = p.get('event') !== null ? parseInt(p.get('event'), 10) : null;
  }

  function writeHash() {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (state.filters[k]) p.set(k, state.filters[k]);
    if (state.offset) p.set('offset', state.offset);
    if (state.doc) p.set('doc', state.doc);
    if (state.doc && state.event !== null && !isNaN(state.event)) p.set('event', state.event);
    const h = p.toString();
    if (h !== location.hash.slice(1)) history.replaceState(null, '', h ? '#' + h : location.pathname);
  }

  function syncForm() {
    $('f-from').value = state.filters.from || '';
    $('f-to').value = state.filters.to || '';
    $('f-actor').value = state.filters.actor || '';
    fillSelect($('f-plover'), Object.keys(COLOURS).sort().map(t => [t, t]), state.filters.plover);
    const countries = new Map();
    for (const p of state.places) if (p.country) countries.set(p.country, countryName(p.country));
    fillSelect($('f-country'), [...countries].sort((a, b) => a[1].localeCompare(b[1])),
               state.filters.country);
    const regions = new Set();
    for (const p of state.places) {
      if (p.admin1 && (!state.filters.country || p.country === state.filters.country)) regions.add(p.admin1);
    }
    fillSelect($('f-admin1'), [...regions].sort().map(r => [r, r]), state.filters.admin1);
    const area = $('f-area');
    area.hidden = !state.filters.bbox;
    $('f-area-name').textContent = state.filters.bbox ? (state.area || state.filters.bbox) : '';
  }

  function fillSelect(s, options, value) {
    while (s.options.length > 1) s.remove(1);
    for (const [v, label] of options) s.appendChild(el('option', { value: v }, label));
    if (value && !options.some(o => o[0] === value)) s.appendChild(el('option', { value }, value));
    s.value = value || '';
  }

  function countryName(cc) {
    const c = state.iso[cc];
    return c ? c[1] : cc;
  }

  function setFilter(k, v) {
    if (v) state.filters[k] = v; else delete state.filters[k];
    if (k === 'country') delete state.filters.admin1;
    state.offset = 0;
    refresh();
  }

  function bindForm() {
    for (const k of ['from', 'to', 'plover', 'country', 'admin1']) {
      $('f-' + k).addEventListener('change', e => setFilter(k, e.target.value));
    }
    let t = null;
    $('f-actor').addEventListener('input', e => {
      clearTimeout(t);
      t = setTimeout(() => setFilter('actor', e.target.value.trim().toUpperCase()), 300);
    });
    $('filters').addEventListener('submit', e => e.preventDefault());
    $('f-area-clear').addEventListener('click', () => { state.area = null; setFilter('bbox', ''); });
    for (const m of ['auto', 'events', 'places']) {
      $('map-' + m).addEventListener('change', e => { if (e.target.checked) { state.mapMode = m; refresh(); } });
    }
    $('f-reset').addEventListener('click', () => {
      state.area = null;
      state.filters = {};
      state.offset = 0;
      refresh();
    });
    $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); loadTable(); });
    $('next').addEventListener('click', () => {
      if (state.offset + PAGE < state.total) { state.offset += PAGE; loadTable(); }
    });
    $('article-close').addEventListener('click', closeArticle);
    $('code-go').addEventListener('click', codeText);
    window.addEventListener('hashchange', () => { readHash(); refresh(); });
  }

  /* ---- map ------------------------------------------------------------ */

  let shapes = null; // SVG path data of every country, in lon/lat degrees

  // A ring as path data.  A ring that crosses the 180th meridian (Russia,
  // Fiji, Antarctica) is unwrapped so it has no edge across the whole map,
  // and drawn a second time one turn to the west.
  function ringPath(ring) {
    const pts = [];
    let shift = 0, crosses = false;
    for (let i = 0; i < ring.length; i++) {
      let lon = ring[i][0] + shift;
      if (i) {
        const prev = pts[i - 1][0];
        if (lon - prev > 180) { shift -= 360; lon -= 360; crosses = true; }
        else if (prev - lon > 180) { shift += 360; lon += 360; crosses = true; }
      }
      pts.push([lon, ring[i][1]]);
    }
    const draw = dx => pts.map((p, i) => (i ? 'L' : 'M') + (p[0] + dx).toFixed(2) + ',' + (-p[1]).toFixed(2)).join('') + 'Z';
    return crosses ? draw(0) + draw(pts[0][0] > 0 ? -360 : 360) : draw(0);
  }

  async function loadShapes() {
    if (typeof topojson === 'undefined') return [];
    try {
      const topo = await getJSON('/static/countries-50m.json');
      const fc = topojson.feature(topo, topo.objects.countries);
      return fc.features.map(f => {
        const g = f.geometry;
        if (!g) return null;
        const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
        let d = '';
        for (const p of polys) for (const r of p) d += ringPath(r);
        return { id: f.id, name: f.properties.name, d };
      }).filter(Boolean);
    } catch (e) {
      return [];
    }
  }

  // The map: the events themselves (points coloured by type, sized by
  // deaths, opening their article), or, when there are more than a page of
  // them, their places (sized by events; a click narrows every view to the
  // place).  items are /events rows or /places rows, by mode.
  function drawMap(items, mode) {
    const svg = $('map');
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute('data-mode', mode);
    const pts = mode === 'places'
      ? items.filter(p => p.lat !== null && isFinite(p.lat) && isFinite(p.lon))
             .map(p => ({ lat: p.lat, lon: p.lon, cc: p.country, row: p }))
      : items.filter(e => e.place && isFinite(e.place.lat) && isFinite(e.place.lon))
             .map(e => ({ lat: e.place.lat, lon: e.place.lon, cc: e.place.country, row: e }));
    // The view: the points' extent with a margin, or the world.
    let w = -180, e = 180, s = -60, n = 80;
    if (pts.length) {
      w = Math.min(...pts.map(p => p.lon)); e = Math.max(...pts.map(p => p.lon));
      s = Math.min(...pts.map(p => p.lat)); n = Math.max(...pts.map(p => p.lat));
      const pad = Math.max(mode === 'places' && pts.length === 1 ? 0.3 : 1.5, (e - w) * 0.15, (n - s) * 0.15);
      w -= pad; e += pad; s -= pad; n += pad;
    }
    // Equirectangular, with longitudes shrunk by the cosine of the view's
    // middle latitude so the region keeps its shape.
    const k = Math.max(0.2, Math.cos((s + n) / 2 * Math.PI / 180));
    const box = svg.getBoundingClientRect();
    const vw = (e - w) * k, vh = n - s;
    const aspect = (box.width || 600) / (box.height || 360);
    let cx = (w + e) / 2 * k, cy = -(s + n) / 2, bw = vw, bh = vh;
    if (bw / bh < aspect) bw = bh * aspect; else bh = bw / aspect;
    svg.setAttribute('viewBox', [cx - bw / 2, cy - bh / 2, bw, bh].join(' '));
    const scale = bw / (box.width || 600); // degrees per screen pixel
    const g = sel('g', { transform: 'scale(' + k + ',1)' });
    svg.appendChild(g);
    const sea = sel('rect', { x: -180, y: -90, width: 360, height: 180, class: 'sea' });
    g.appendChild(sea);
    const active = new Set(pts.map(p => (state.iso[p.cc] || [])[0]).filter(Boolean));
    for (const c of shapes || []) {
      const path = sel('path', { d: c.d, class: active.has(c.id) ? 'land active' : 'land' });
      const t = sel('title'); t.textContent = c.name; path.appendChild(t);
      g.appendChild(path);
    }
    if (!shapes || !shapes.length) {
      for (let lon = -180; lon <= 180; lon += 10) g.appendChild(sel('path', { d: 'M' + lon + ',-90V90', class: 'grid' }));
      for (let lat = -80; lat <= 80; lat += 10) g.appendChild(sel('path', { d: 'M-180,' + -lat + 'H180', class: 'grid' }));
    }
    // Largest first so small points stay on top and clickable; outside the
    // scaled group, so the points stay round.
    if (mode === 'places') {
      pts.sort((a, b) => b.row.events - a.row.events);
      for (const p of pts) drawPlace(svg, p, k, scale);
    } else {
      pts.sort((a, b) => (b.row.dead || 0) - (a.row.dead || 0));
      for (const p of pts) {
        const ev = p.row, px = 3 + 2.2 * Math.sqrt(ev.dead || 0);
        const c = sel('circle', {
          cx: p.lon * k, cy: -p.lat, r: px * scale, 'data-px': px,
          'data-doc': ev.doc, class: 'event', fill: colour(ev.plover)
        });
        const t = sel('title');
        t.textContent = [ev.date, ev.plover || ev.code, ev.name, ev.place.name,
                         ev.dead ? ev.dead + ' dead' : ''].filter(Boolean).join(' · ');
        c.appendChild(t);
        c.addEventListener('click', () => openArticle(ev.doc, ev.id));
        svg.appendChild(c);
      }
    }
    drawLegend(pts.map(p => p.row), mode);
    zoomable(svg, [cx - bw / 2, cy - bh / 2, bw, bh]);
  }

  // A place with its events: area for the count; a click sets the area
  // filter to a small box around it (about 5 km), which every view takes.
  function drawPlace(svg, p, k, scale) {
    const pl = p.row, px = Math.min(40, 3 + 1.6 * Math.sqrt(pl.events));
    const c = sel('circle', {
      cx: p.lon * k, cy: -p.lat, r: px * scale, 'data-px': px, class: 'place-dot',
      'data-place': pl.key
    });
    const t = sel('title');
    t.textContent = [[pl.key, pl.admin1].filter(Boolean).join(', '),
                     pl.events + (pl.events === 1 ? ' event' : ' events'),
                     pl.dead ? pl.dead + ' dead' : ''].filter(Boolean).join(' · ');
    c.appendChild(t);
    c.addEventListener('click', () => {
      const d = 0.025, f = x => x.toFixed(4);
      state.area = [pl.key, pl.admin1].filter(Boolean).join(', ');
      setFilter('bbox', [f(p.lon - d), f(p.lat - d), f(p.lon + d), f(p.lat + d)].join(','));
    });
    svg.appendChild(c);
  }

  // Wheel to zoom around the pointer, drag to pan, double-click to go back
  // to the fitted view.  Points keep their size on screen.
  function zoomable(svg, home) {
    let vb = home.slice(), drag = null;
    const apply = () => {
      svg.setAttribute('viewBox', vb.join(' '));
      const per = vb[2] / (svg.clientWidth || 600);
      for (const c of svg.querySelectorAll('circle[data-px]')) c.setAttribute('r', c.getAttribute('data-px') * per);
    };
    const at = ev => {
      const r = svg.getBoundingClientRect();
      return [vb[0] + (ev.clientX - r.left) / r.width * vb[2], vb[1] + (ev.clientY - r.top) / r.height * vb[3]];
    };
    svg.onwheel = ev => {
      ev.preventDefault();
      const f = ev.deltaY > 0 ? 1.25 : 0.8;
      if (vb[2] * f > 400 || vb[2] * f < 0.01) return;
      const [x, y] = at(ev);
      vb = [x - (x - vb[0]) * f, y - (y - vb[1]) * f, vb[2] * f, vb[3] * f];
      apply();
    };
    svg.onpointerdown = ev => {
      if (ev.target.classList.contains('event')) return;
      drag = { x: ev.clientX, y: ev.clientY, vb: vb.slice() };
      svg.setPointerCapture(ev.pointerId);
    };
    svg.onpointermove = ev => {
      if (!drag) return;
      const r = svg.getBoundingClientRect();
      vb[0] = drag.vb[0] - (ev.clientX - drag.x) / r.width * vb[2];
      vb[1] = drag.vb[1] - (ev.clientY - drag.y) / r.height * vb[3];
      apply();
    };
    svg.onpointerup = () => { drag = null; };
    svg.ondblclick = () => { vb = home.slice(); apply(); };
  }

  function drawLegend(pts, mode) {
    const lg = $('legend');
    lg.textContent = '';
    if (mode === 'places') {
      const events = pts.reduce((a, p) => a + p.events, 0);
      lg.appendChild(el('span', { class: 'key' }, pts.length + (pts.length === 1 ? ' place, ' : ' places, ') +
                         events + (events === 1 ? ' event' : ' events')));
      if (pts.length) lg.appendChild(el('span', { class: 'key note' }, 'size: events; click a place to narrow to it'));
      if (!shapes || !shapes.length) lg.appendChild(el('span', { class: 'key note' }, 'country shapes not installed'));
      return;
    }
    const seen = new Map();
    for (const p of pts) seen.set(p.plover || 'other', (seen.get(p.plover || 'other') || 0) + 1);
    for (const [t, n] of [...seen].sort((a, b) => b[1] - a[1])) {
      const item = el('span', { class: 'key' });
      const dot = el('span', { class: 'dot' });
      dot.style.background = colour(t);
      item.appendChild(dot);
      item.appendChild(document.createTextNode(t + ' ' + n));
      lg.appendChild(item);
    }
    if (pts.length) lg.appendChild(el('span', { class: 'key note' }, 'size: deaths'));
    if (!shapes || !shapes.length) lg.appendChild(el('span', { class: 'key note' }, 'country shapes not installed'));
  }

  /* ---- timeline with brushing ---------------------------------------- */

  function unitFor(from, to) {
    const days = (Date.parse(to) - Date.parse(from)) / 864e5;
    return days <= 120 ? 'day' : days <= 1100 ? 'week' : 'month';
  }

  async function loadTimeline(my) {
    // The timeline ignores the date filter so the brush can move.
    const span = await getJSON('/aggregates' + query({ by: 'month' }, ['from', 'to']));
    if (my !== seq) return;
    const keys = span.groups.map(g => g.period).filter(Boolean).sort();
    if (!keys.length) { drawTimeline([], 'day'); return; }
    const unit = unitFor(keys[0] + '-01', keys[keys.length - 1] + '-28');
    const agg = unit === 'month' ? span : await getJSON('/aggregates' + query({ by: unit }, ['from', 'to']));
    if (my !== seq) return;
    // Events with no date have the period "" and stay off the timeline.
    drawTimeline(agg.groups.filter(g => g.period), unit);
  }

  // The first day of a period: "2012-07-16", "2012-W29" (ISO week), "2012-07".
  function periodStart(p) {
    const w = /^(\d{4})-W(\d{2})$/.exec(p);
    if (w) {
      const jan4 = new Date(Date.UTC(+w[1], 0, 4));
      const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5);
      return new Date(monday.getTime() + (+w[2] - 1) * 7 * 864e5);
    }
    return new Date((p.length === 7 ? p + '-01' : p) + 'T00:00:00Z');
  }

  function bucketEnd(key, unit) {
    const d = periodStart(key);
    if (unit === 'day') d.setUTCDate(d.getUTCDate() + 1);
    else if (unit === 'week') d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
    return d;
  }

  function drawTimeline(groups, unit) {
    const svg = $('timeline');
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const W = svg.clientWidth || 800, H = svg.clientHeight || 120, L = 34, B = 18, T = 6;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    if (!groups.length) {
      const t = sel('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' });
      t.textContent = 'no events';
      svg.appendChild(t);
      return;
    }
    const start = i => periodStart(groups[i].period);
    groups.sort((a, b) => a.period.localeCompare(b.period));
    const t0 = start(0).getTime(), t1 = bucketEnd(groups[groups.length - 1].period, unit).getTime();
    const x = t => L + (W - L - 4) * (t - t0) / Math.max(1, t1 - t0);
    const max = Math.max(...groups.map(g => g.events));
    const y = v => H - B - (H - B - T) * v / max;
    svg.appendChild(sel('line', { x1: L, x2: W - 4, y1: H - B, y2: H - B, class: 'axis' }));
    const lab = sel('text', { x: L - 4, y: T + 8, 'text-anchor': 'end', class: 'tick' });
    lab.textContent = max;
    svg.appendChild(lab);
    const from = state.filters.from ? Date.parse(state.filters.from) : -Infinity;
    const to = state.filters.to ? Date.parse(state.filters.to) + 864e5 : Infinity;
    groups.forEach((g, i) => {
      const a = start(i).getTime(), b = bucketEnd(g.period, unit).getTime();
      const r = sel('rect', {
        x: x(a), width: Math.max(1, x(b) - x(a) - 1), y: y(g.events), height: H - B - y(g.events),
        class: 'bar' + (b > from && a < to ? ' in' : '')
      });
      const tt = sel('title');
      tt.textContent = g.period + ': ' + g.events + ' events' + (g.dead ? ', ' + g.dead + ' dead' : '');
      r.appendChild(tt);
      svg.appendChild(r);
    });
    // Year ticks (or months on short spans).
    const first = new Date(t0), last = new Date(t1);
    const years = last.getUTCFullYear() - first.getUTCFullYear();
    for (let d = new Date(Date.UTC(first.getUTCFullYear(), years ? 0 : first.getUTCMonth(), 1));
         d.getTime() < t1; years ? d.setUTCFullYear(d.getUTCFullYear() + Math.ceil(years / 8)) : d.setUTCMonth(d.getUTCMonth() + 1)) {
      if (d.getTime() < t0) continue;
      const tx = sel('text', { x: x(d.getTime()), y: H - 4, class: 'tick' });
      tx.textContent = years ? d.getUTCFullYear() : d.toISOString().slice(0, 7);
      svg.appendChild(tx);
    }
    // The brush: drag to choose dates, click to clear them.
    const brush = sel('rect', { class: 'brush', y: T, height: H - B - T, x: 0, width: 0 });
    svg.appendChild(brush);
    const overlay = sel('rect', { class: 'overlay', x: L, y: 0, width: W - L, height: H });
    svg.appendChild(overlay);
    const toT = px => t0 + (px - L) / (W - L - 4) * (t1 - t0);
    const day = t => new Date(Math.min(Math.max(t, t0), t1 - 1)).toISOString().slice(0, 10);
    let x0 = null;
    const px = ev => {
      const r = svg.getBoundingClientRect();
      return (ev.clientX - r.left) * W / r.width;
    };
    overlay.addEventListener('pointerdown', ev => {
      x0 = px(ev);
      overlay.setPointerCapture(ev.pointerId);
      brush.setAttribute('x', x0); brush.setAttribute('width', 0);
    });
    overlay.addEventListener('pointermove', ev => {
      if (x0 === null) return;
      const x1 = px(ev);
      brush.setAttribute('x', Math.min(x0, x1)); brush.setAttribute('width', Math.abs(x1 - x0));
    });
    overlay.addEventListener('pointerup', ev => {
      if (x0 === null) return;
      const x1 = px(ev);
      const a = Math.min(x0, x1), b = Math.max(x0, x1);
      x0 = null;
      if (b - a < 3) {
        delete state.filters.from; delete state.filters.to;
      } else {
        state.filters.from = day(toT(a)); state.filters.to = day(toT(b));
      }
      state.offset = 0;
      refresh();
    });
  }

  /* ---- events table --------------------------------------------------- */

  function actor(a) {
    if (!a) return '';
    return a.code + (a.text ? ' (' + a.text + ')' : '');
  }

  async function loadTable(my) {
    my = my || ++seq;
    writeHash();
    const page = await getJSON('/events' + query({ limit: PAGE, offset: state.offset, sentence: 1 }));
    if (my !== seq) return;
    state.total = page.total;
    const tb = $('events').tBodies[0];
    tb.textContent = '';
    for (const ev of page.events) {
      const tr = el('tr', { 'data-doc': ev.doc, tabindex: 0, title: ev.sentence || '' });
      const type = el('td');
      const dot = el('span', { class: 'dot' });
      dot.style.background = colour(ev.plover);
      type.appendChild(dot);
      type.appendChild(document.createTextNode(ev.plover || '-'));
      tr.appendChild(el('td', {}, ev.date || ''));
      tr.appendChild(type);
      const what = el('td', {}, ev.code + ' ' + (ev.name || ''));
      if (ev.verb) what.appendChild(el('span', { class: 'verb' }, ' “' + ev.verb + '”'));
      tr.appendChild(what);
      tr.appendChild(el('td', {}, actor(ev.source)));
      tr.appendChild(el('td', {}, actor(ev.target)));
      tr.appendChild(el('td', { class: 'place' },
                        ev.place ? [ev.place.name, ev.place.admin1, countryName(ev.place.country)].filter(Boolean).join(', ') : ''));
      tr.appendChild(el('td', { class: 'num' }, ev.dead === null || ev.dead === undefined ? '' : ev.dead));
      tr.appendChild(el('td', { class: 'doc' }, ev.title || ev.doc));
      const open = () => openArticle(ev.doc, ev.id);
      tr.addEventListener('click', open);
      tr.addEventListener('keydown', e => { if (e.key === 'Enter') open(); });
      tb.appendChild(tr);
    }
    const last = Math.min(state.offset + page.events.length, state.total);
    $('page').textContent = state.total ? (state.offset + 1) + '–' + last + ' of ' + state.total : 'no events';
    $('prev').disabled = state.offset === 0;
    $('next').disabled = last >= state.total;
  }

  /* ---- article view --------------------------------------------------- */

  // Byte offsets into UTF-8 -> indices into the JS (UTF-16) string.
  function byteIndex(text) {
    const map = new Int32Array(new TextEncoder().encode(text).length + 1);
    let b = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.codePointAt(i);
      const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      for (let k = 0; k < n; k++) map[b + k] = i;
      b += n;
      if (c >= 0x10000) i++;
    }
    map[b] = text.length;
    return off => map[Math.max(0, Math.min(off, b))];
  }

  function spansOf(doc, focus) {
    // Every coded span, with the events it belongs to.
    const spans = [];
    const add = (start, end, kind, ev, tip) => {
      if (typeof start === 'number' && typeof end === 'number' && end > start) {
        spans.push({ start, end, kind, ev, tip });
      }
    };
    (doc.events || []).forEach((e, i) => {
      if (e.source) add(e.source.start, e.source.end, 'actor', i, 'source ' + e.source.code);
      if (e.target) add(e.target.start, e.target.end, 'actor', i, 'target ' + e.target.code);
      if (e.verb) add(e.verb.start, e.verb.end, 'trigger', i, e.code + ' ' + (e.name || ''));
      if (e.event_date && e.event_date.start !== undefined) add(e.event_date.start, e.event_date.end_byte, 'date', i, 'date ' + e.event_date.date);
      if (e.attribution) add(e.attribution.start, e.attribution.end, 'attrib', i, 'according to ' + (e.attribution.code || e.attribution.text));
      for (const p of eventPlaces(doc, e)) add(p.start, p.end, 'place', i, 'place of the event');
      for (const c of eventCounts(doc, e)) add(c.start, c.end, 'count', i, c.type + ' ' + c.number);
    });
    // (demonyms, "Syrian troops", are listed among places but are words of
    // actors: marking them would split the actor's mark)
    for (const p of doc.places || []) {
      if (p.role !== 'demonym') add(p.start, p.end, 'place', null, [p.name, p.admin1, p.country].filter(Boolean).join(', '));
    }
    for (const c of doc.counts || []) add(c.start, c.end, 'count', null, c.type + ' ' + c.number + (c.people ? ' ' + c.people : ''));
    return spans;
  }

  function sentenceOf(doc, e) {
    if (e.sentence_span) return e.sentence_span;
    return doc.sentences && doc.sentences[e.sentence] ? doc.sentences[e.sentence] : null;
  }

  function eventPlaces(doc, e) {
    if (!e.location) return [];
    const same = (doc.places || []).filter(p => p.name === e.location.name && p.role !== 'demonym');
    const s = sentenceOf(doc, e);
    const inside = s ? same.filter(p => p.start >= s.start && p.end <= s.end) : [];
    return inside.length ? inside : same.slice(0, 1);
  }

  function eventCounts(doc, e) {
    const s = sentenceOf(doc, e);
    return (doc.counts || []).filter(c =>
      (e.dead !== null && e.dead !== undefined && c.type === 'KILL' && c.number === e.dead) ||
      (e.injured !== null && e.injured !== undefined && c.type === 'WOUND' && c.number === e.injured) ||
      (s && c.start >= s.start && c.end <= s.end));
  }

  function renderText(doc, focus) {
    const box = $('article-text');
    box.textContent = '';
    const text = doc.text || '';
    const at = byteIndex(text);
    const spans = spansOf(doc, focus);
    const cuts = new Set([0, text.length]);
    for (const s of spans) { s.a = at(s.start); s.b = at(s.end); cuts.add(s.a); cuts.add(s.b); }
    const points = [...cuts].sort((a, b) => a - b);
    let para = el('p');
    box.appendChild(para);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const on = spans.filter(s => s.a <= a && s.b >= b);
      const parts = piece.split(/\n\s*\n/);
      parts.forEach((part, k) => {
        if (k) { para = el('p'); box.appendChild(para); }
        if (!part) return;
        if (!on.length) { para.appendChild(document.createTextNode(part)); return; }
        const kinds = [...new Set(on.map(s => s.kind))];
        const mine = focus !== null && on.some(s => s.ev === focus);
        const m = el('mark', { class: 'hl ' + kinds.join(' ') + (mine ? ' focus' : ''), title: [...new Set(on.map(s => s.tip))].join('; ') }, part);
        para.appendChild(m);
      });
    }
  }

  function describe(e) {
    const parts = [];
    parts.push((e.source ? e.source.code : '?') + ' → ' + e.code + ' ' + (e.name || '') + ' → ' + (e.target ? e.target.code : '?'));
    if (e.location) parts.push('at ' + e.location.name + (e.location.admin1 ? ', ' + e.location.admin1 : ''));
    if (e.dead !== null && e.dead !== undefined) parts.push(e.dead + ' dead');
    if (e.injured !== null && e.injured !== undefined) parts.push(e.injured + ' injured');
    if (e.attribution) parts.push('according to ' + e.attribution.text);
    if (e.mode && e.mode !== 'asserted') parts.push('(' + e.mode + ')');
    return parts.join(' · ');
  }

  function renderArticle(doc) {
    $('article-panel').hidden = false;
    $('article-empty').hidden = true;
    $('article-title').textContent = doc.title || doc.id;
    $('article-meta').textContent = [doc.id, doc.date, doc.source, doc.acled,
                                     doc.copy_of ? 'a copy of ' + doc.copy_of : ''].filter(Boolean).join(' · ');
    const list = $('article-events');
    list.textContent = '';
    const focus = state.focus;
    (doc.events || []).forEach((e, i) => {
      const b = el('button', { type: 'button', class: 'ev' + (i === focus ? ' on' : ''), 'data-event': i });
      const dot = el('span', { class: 'dot' });
      dot.style.background = colour(e.plover);
      b.appendChild(dot);
      b.appendChild(document.createTextNode(describe(e)));
      b.addEventListener('click', () => {
        state.focus = state.focus === i ? null : i;
        state.event = state.focus === null || e.event_id === undefined ? null : e.event_id;
        writeHash();
        renderArticle(doc);
      });
      list.appendChild(b);
    });
    if (!(doc.events || []).length) list.appendChild(el('div', { class: 'none' }, 'No event was coded in this text.'));
    renderText(doc, focus);
  }

  // Opens a stored document; eventId (optional) is the stored event whose
  // spans are marked.
  async function openArticle(id, eventId) {
    state.doc = id;
    state.event = eventId === undefined || eventId === null ? null : eventId;
    writeHash();
    try {
      const doc = await getJSON('/documents/' + encodeURIComponent(id));
      if (state.doc !== id) return;
      const i = (doc.events || []).findIndex(e => e.event_id === state.event);
      state.focus = i < 0 ? null : i;
      renderArticle(doc);
      $('article-panel').scrollIntoView({ block: 'nearest' });
    } catch (e) {
      status('document ' + id + ': ' + e.message, true);
    }
  }

  function closeArticle() {
    state.doc = null;
    state.event = null;
    state.focus = null;
    $('article-panel').hidden = true;
    $('article-empty').hidden = false;
    writeHash();
  }

  // POST /code: a pasted text coded on the fly, shown like a stored one.
  async function codeText() {
    const text = $('code-text').value;
    if (!text.trim()) return;
    $('code-go').disabled = true;
    try {
      const r = await fetch('/code', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: 'pasted', title: 'Pasted text', date: $('code-date').value || null, text })
      });
      const doc = await r.json();
      if (!r.ok) throw new Error(doc.error || r.statusText);
      state.doc = null;
      state.event = null;
      state.focus = null;
      writeHash();
      renderArticle(doc);
      const n = (doc.events || []).length;
      status('coded: ' + n + (n === 1 ? ' event' : ' events'));
    } catch (e) {
      status('coding failed: ' + e.message, true);
    } finally {
      $('code-go').disabled = false;
    }
  }

  /* ---- putting it together ------------------------------------------- */

  async function refresh() {
    const my = ++seq;
    syncForm();
    writeHash();
    status('loading…');
    try {
      const [mapPage] = await Promise.all([
        getJSON('/events' + query({ limit: MAP_LIMIT })),
        loadTimeline(my),
        loadTable(my)
      ]);
      if (my !== seq) return;
      const mode = state.mapMode === 'auto' ? (mapPage.total > MAP_LIMIT ? 'places' : 'events') : state.mapMode;
      let shown = '';
      if (mode === 'places') {
        const pl = await getJSON('/places' + query());
        if (my !== seq) return;
        drawMap(pl.places || [], 'places');
      } else {
        drawMap(mapPage.events, 'events');
        if (mapPage.events.length < mapPage.total) shown = ' (map: first ' + mapPage.events.length + ')';
      }
      status(mapPage.total + (mapPage.total === 1 ? ' event' : ' events') + shown);
    } catch (e) {
      if (my === seq) status(e.message, true);
    }
  }

  async function main() {
    readHash();
    bindForm();
    try {
      const [iso, places, sh] = await Promise.all([
        getJSON('/static/iso3166.json').catch(() => ({})),
        getJSON('/places'),
        loadShapes()
      ]);
      state.iso = iso;
      state.places = places.places || [];
      shapes = sh;
    } catch (e) {
      status(e.message, true);
    }
    await refresh();
    if (state.doc) openArticle(state.doc, state.event);
    document.body.setAttribute('data-ready', '1');
  }

  document.addEventListener('DOMContentLoaded', main);
})();
