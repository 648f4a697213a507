/**
 * The report page's script, inline. It draws only the rows in view (org-10k has ~140k), so the
 * page is interactive at once; search, sort and filters work on row numbers, never on the DOM.
 * Every value goes in with textContent: nothing from the org is ever parsed as HTML.
 * Plain ES2020 without template literals, kept as a string so the page needs no build step.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var S = D.s, P = D.p, A = D.a, R = D.r, NP = 4, ROW_H = 26, PRINT_MAX = 5000, MEMBER = S.indexOf('membership');
  function str(i) { return i < 0 ? '' : S[i]; }
  function pf(r, f) { return str(P[R[2 * r] * NP + f]); }
  function af(r, f) { return str(A[R[2 * r + 1]][f]); }
  var ADMIN = { organization_admin: 1, identity_admin: 1, org_wide: 1 };
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function flagsCell(td, text) {
    if (!text) return;
    text.split(' ').forEach(function (f) { td.appendChild(el('span', 'flag ' + f + (ADMIN[f] ? ' admin' : ''), f.replace('_', ' '))); });
  }
  function via(r) {
    var src = af(r, 6), team = af(r, 7);
    return src === 'direct' ? 'direct' : src === 'idp_group' ? 'IdP group (' + af(r, 9) + ') \u2192 team ' + team : 'team ' + team;
  }

  // The people view: one row per (principal, access, source).
  var people = {
    count: R.length / 2,
    columns: [
      { label: 'Principal', get: function (r) { return pf(r, 1); }, title: function (r) { return pf(r, 2); } },
      { label: 'Type', get: function (r) { return pf(r, 0).replace('_', ' '); } },
      { label: 'Status', get: function (r) { return pf(r, 3); } },
      { label: 'Role', get: function (r) { return af(r, 0) === 'membership' ? 'member' : af(r, 1); } },
      { label: 'Entity type', get: function (r) { return af(r, 2); } },
      { label: 'Entity', get: function (r) { return af(r, 3); } },
      { label: 'Entity id', get: function (r) { return af(r, 4); } },
      { label: 'Region', get: function (r) { return af(r, 5); } },
      { label: 'Source', get: via },
      { label: 'Expires', get: function (r) { return af(r, 10); } },
      { label: 'Flags', get: function (r) { return af(r, 12); }, draw: flagsCell },
      { label: 'Declared at', get: function (r) { return af(r, 11); } }
    ],
    // A row matches a word when its principal or its access does: computed once per distinct
    // principal and access tuple, not per row.
    matcher: function (words) {
      var pn = P.length / NP, pt = [], at = [];
      if (!people.ptext) {
        people.ptext = []; people.atext = [];
        for (var i = 0; i < pn; i++) people.ptext.push([0, 1, 2, 3].map(function (f) { return str(P[i * NP + f]); }).join(' ').toLowerCase());
        for (var j = 0; j < A.length; j++) people.atext.push(A[j].map(str).join(' ').toLowerCase() + (A[j][0] === MEMBER ? ' member' : ''));
      }
      words.forEach(function (w) {
        pt.push(people.ptext.map(function (t) { return t.indexOf(w) >= 0; }));
        at.push(people.atext.map(function (t) { return t.indexOf(w) >= 0; }));
      });
      return function (r) {
        var p = R[2 * r], a = R[2 * r + 1];
        for (var k = 0; k < words.length; k++) if (!pt[k][p] && !at[k][a]) return false;
        return true;
      };
    },
    filters: [
      { label: 'Type', values: ['user', 'system account'], test: function (r, v) { return pf(r, 0).replace('_', ' ') === v; } },
      { label: 'Role', values: null, col: 3 },
      { label: 'Entity type', values: null, col: 4 },
      { label: 'Source', values: ['direct', 'team', 'idp_group'], test: function (r, v) { return af(r, 6) === v; } },
      { label: 'Flag', values: ['any flag', 'admin', 'organization_admin', 'identity_admin', 'org_wide', 'expiring', 'expired', 'entity_missing'], test: function (r, v) {
        var f = af(r, 12);
        if (v === 'any flag') return f !== '';
        if (v === 'admin') return f.split(' ').some(function (x) { return ADMIN[x]; });
        return (' ' + f + ' ').indexOf(' ' + v + ' ') >= 0;
      } }
    ]
  };

  var T = D.teams;
  var teams = {
    count: T.length,
    columns: [
      { label: 'Team', get: function (r) { return str(T[r].name); }, title: function (r) { return str(T[r].id); } },
      { label: 'Kind', get: function (r) { return T[r].predefined ? 'predefined' : 'custom'; } },
      { label: 'Members', get: function (r) { return T[r].members; }, numeric: true },
      { label: 'IdP groups', get: function (r) { return str(T[r].idp_groups); } },
      { label: 'Grants', get: function (r) { return T[r].predefined ? '(Konnect\u2019s own roles)' : str(T[r].grants); }, title: function (r) { return str(T[r].grants); } },
      { label: 'Flags', get: function (r) { return !T[r].predefined && T[r].members === 0 ? 'empty' : ''; }, draw: flagsCell }
    ],
    matcher: function (words) {
      return function (r) {
        var t = teams.columns.map(function (c) { return String(c.get(r)); }).join(' ').toLowerCase();
        return words.every(function (w) { return t.indexOf(w) >= 0; });
      };
    },
    filters: [{ label: 'Kind', values: ['custom', 'predefined'], col: 1 }, { label: 'Flags', values: ['empty'], col: 5 }]
  };

  function grid(view, host, controls, placeholder) {
    var order = null, shown = [], sortCol = -1, sortDir = 1, printing = false;
    var search = el('input'); search.type = 'search'; search.placeholder = placeholder; search.setAttribute('aria-label', placeholder);
    controls.appendChild(search);
    var selects = view.filters.map(function (f) {
      var s = el('select'); s.setAttribute('aria-label', f.label);
      var values = f.values || distinct(view.columns[f.col]);
      [f.label + ': all'].concat(values).forEach(function (v, i) { var o = el('option', null, v); o.value = i ? v : ''; s.appendChild(o); });
      s.onchange = apply; controls.appendChild(s); return s;
    });
    var count = el('span', 'count'); controls.appendChild(count);
    var table = el('table'), thead = el('thead'), tbody = el('tbody'), hr = el('tr');
    view.columns.forEach(function (c, i) {
      var th = el('th', null, c.label); th.scope = 'col';
      th.onclick = function () { sortDir = sortCol === i ? -sortDir : 1; sortCol = i; sort(); draw(); mark(); };
      hr.appendChild(th);
    });
    thead.appendChild(hr); table.appendChild(thead); table.appendChild(tbody); host.appendChild(table);
    function distinct(c) {
      var seen = {}, out = [];
      for (var r = 0; r < view.count; r++) { var v = String(c.get(r)); if (v && !seen[v]) { seen[v] = 1; out.push(v); } }
      return out.sort();
    }
    function mark() { hr.childNodes.forEach(function (th, i) { if (i === sortCol) th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending'); else th.removeAttribute('aria-sort'); }); }
    function apply() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var match = words.length ? view.matcher(words) : null;
      var tests = [];
      selects.forEach(function (s, i) {
        if (!s.value) return;
        var f = view.filters[i], v = s.value;
        tests.push(f.test ? function (r) { return f.test(r, v); } : function (r) { return String(view.columns[f.col].get(r)) === v; });
      });
      shown = [];
      outer: for (var r = 0; r < view.count; r++) {
        if (match && !match(r)) continue;
        for (var k = 0; k < tests.length; k++) if (!tests[k](r)) continue outer;
        shown.push(r);
      }
      sort(); host.scrollTop = 0; draw();
    }
    function sort() {
      if (sortCol < 0) return;
      var c = view.columns[sortCol], keys = new Array(view.count);
      shown.forEach(function (r) { keys[r] = c.get(r); });
      shown.sort(function (a, b) { var x = keys[a], y = keys[b]; return (x < y ? -1 : x > y ? 1 : a - b) * sortDir; });
    }
    function row(r) {
      var tr = el('tr', 'row');
      view.columns.forEach(function (c) {
        var td = el('td'), v = c.get(r);
        if (c.draw) c.draw(td, v); else td.textContent = v;
        if (c.title) td.title = c.title(r);
        tr.appendChild(td);
      });
      return tr;
    }
    function spacer(h) { var tr = el('tr'), td = el('td'); td.colSpan = view.columns.length; td.style.height = h + 'px'; td.style.padding = '0'; td.style.border = '0'; tr.appendChild(td); return tr; }
    function draw() {
      var total = shown.length, from = 0, to = total;
      if (!printing) {
        var inView = Math.ceil(host.clientHeight / ROW_H) + 20;
        from = Math.max(0, Math.floor(host.scrollTop / ROW_H) - 10);
        to = Math.min(total, from + inView);
      } else to = Math.min(total, PRINT_MAX);
      var frag = document.createDocumentFragment();
      if (from > 0) frag.appendChild(spacer(from * ROW_H));
      for (var i = from; i < to; i++) frag.appendChild(row(shown[i]));
      if (!printing && to < total) frag.appendChild(spacer((total - to) * ROW_H));
      tbody.replaceChildren(frag);
      count.textContent = 'Showing ' + total.toLocaleString('en-US') + ' of ' + view.count.toLocaleString('en-US') + ' rows' + (printing && total > PRINT_MAX ? ' (printing the first ' + PRINT_MAX + ': narrow the search to print the rest)' : '');
    }
    var pending = 0;
    host.addEventListener('scroll', function () { if (!pending) pending = requestAnimationFrame(function () { pending = 0; draw(); }); });
    search.addEventListener('input', function () { clearTimeout(order); order = setTimeout(apply, 120); });
    window.addEventListener('beforeprint', function () { printing = true; draw(); });
    window.addEventListener('afterprint', function () { printing = false; draw(); });
    apply();
    return { search: search, apply: apply, shown: function () { return shown.length; } };
  }

  window.addEventListener('beforeprint', function () { document.querySelectorAll('details').forEach(function (d) { d.open = true; }); });
  var p = grid(people, document.getElementById('people'), document.getElementById('people-controls'), 'Search people and access: words in any column, e.g. "prod Admin"');
  var t = grid(teams, document.getElementById('teams'), document.getElementById('teams-controls'), 'Search teams');
  window.orgdeckReport = { people: p, teams: t };
  document.body.setAttribute('data-ready', '1');
})();
`;
