/**
 * The report page's scripts, as plain browser JavaScript (ES2017, no modules, no network).
 *
 * ERROR_HOOK_JS runs first, in <head>: it records script errors, failed resource loads,
 * content-security-policy violations and console.error calls into `#js-errors` and the
 * `data-js-errors` attribute of <html>, so a reader (and the headless-browser test) sees them.
 *
 * CLIENT_JS runs at the end of <body>: it reads the report from the JSON data block and builds the
 * per-task table, filters and drill-down with DOM APIs and textContent only (never innerHTML), so
 * report strings stay inert text. When done it sets `data-rendered="ok"` on <html>.
 *
 * Both are String.raw literals: the code must contain no backquote and no dollar-brace sequence.
 */

export const ERROR_HOOK_JS = String.raw`(function () {
  'use strict';
  var errors = [];
  function show() {
    var box = document.getElementById('js-errors');
    if (!box) return;
    box.hidden = errors.length === 0;
    box.textContent = errors.length === 0 ? '' : 'This page hit ' + errors.length + ' script problem(s):\n' + errors.join('\n');
  }
  function record(message) {
    errors.push(String(message));
    document.documentElement.setAttribute('data-js-errors', String(errors.length));
    show();
  }
  window.__auditRecordError = record;
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && t.tagName) record('resource failed to load: <' + String(t.tagName).toLowerCase() + '> ' + (t.src || t.href || ''));
    else record((e.message || 'error') + ' (' + (e.filename || 'inline') + ':' + (e.lineno || 0) + ':' + (e.colno || 0) + ')');
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    record('unhandled rejection: ' + (e.reason && e.reason.message ? e.reason.message : String(e.reason)));
  });
  document.addEventListener('securitypolicyviolation', function (e) {
    record('blocked by the content security policy: ' + e.violatedDirective + ' ' + (e.blockedURI || ''));
  });
  var consoleError = console.error;
  console.error = function () {
    record('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    return consoleError.apply(console, arguments);
  };
  document.addEventListener('DOMContentLoaded', show);
})();
`;

export const CLIENT_JS = String.raw`(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('audit-data').textContent);
  var tasks = report.tasks || [];
  var SEVERITIES = ['error', 'warning', 'info'];
  var CHECK_ORDER = ['static', 'execution', 'mutation', 'contamination'];
  var CHECK_TITLES = { static: 'Static check', execution: 'Execution check', mutation: 'Mutation check', contamination: 'Contamination check' };
  /** Findings of a task up to which their evidence starts unfolded (more would bury the check sections). */
  var EVIDENCE_OPEN_MAX = 3;
  /** Survivors shown before a "show all" button (a task can have hundreds). */
  var SURVIVORS_SHOWN = 20;
  /** Evidence keys shown first, in this order; the others follow alphabetically. */
  var EVIDENCE_ORDER = ['diff', 'mutant', 'input', 'inputSource', 'referenceOutput', 'mutantOutput', 'assert'];
  /** Evidence keys whose string values are code (shown in a code block even on one line). */
  var CODE_KEYS = { assert: 1, input: 1, source: 1, call: 1, expected: 1, referenceOutput: 1, mutantOutput: 1, text: 1, prompt: 1, solution: 1, test: 1, original: 1, replacement: 1, matchedText: 1, corpusText: 1, benchmarkText: 1, excerpt: 1, span: 1 };

  // ---- DOM helpers: text only, never HTML ----
  function el(tag, cls, children) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (children !== undefined && children !== null) append(node, children);
    return node;
  }
  function append(node, children) {
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'object' && c.nodeType ? c : document.createTextNode(String(c)));
    });
    return node;
  }
  function code(s) { return el('code', null, String(s)); }
  function pre(s, cls) { return el('pre', cls || null, String(s)); }
  function badge(label, cls) { return el('span', 'badge ' + (cls || ''), label); }
  function chip(label, cls) { return el('span', 'chip ' + (cls || ''), label); }
  function isScalar(v) { return v === null || typeof v !== 'object'; }
  function isPlainObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
  function keys(o) { return Object.keys(o).sort(); }
  function fmt(v) {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'number') return String(v);
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    return String(v);
  }
  function pct(v) { return typeof v === 'number' ? (Math.round(v * 1000) / 10) + '%' : '—'; }
  function naturalCompare(a, b) {
    var ra = String(a).match(/\d+|\D+/g) || [];
    var rb = String(b).match(/\d+|\D+/g) || [];
    for (var i = 0; i < Math.min(ra.length, rb.length); i++) {
      var x = ra[i], y = rb[i];
      if (x === y) continue;
      var dx = /^\d/.test(x), dy = /^\d/.test(y);
      if (dx && dy) {
        var nx = x.replace(/^0+/, ''), ny = y.replace(/^0+/, '');
        if (nx.length !== ny.length) return nx.length < ny.length ? -1 : 1;
        if (nx !== ny) return nx < ny ? -1 : 1;
        return x.length < y.length ? -1 : 1;
      }
      return x < y ? -1 : 1;
    }
    return ra.length - rb.length;
  }
  function valueNode(v) {
    if (typeof v === 'string' && v.indexOf('\n') >= 0) return pre(v);
    if (v !== null && typeof v === 'object' && v.nodeType) return v;
    return fmt(v);
  }
  /** A dotted path that may wrap after each dot. */
  function breakable(label) {
    var parts = String(label).split('.');
    var out = [];
    parts.forEach(function (p, i) { out.push(i < parts.length - 1 ? p + '.' : p); if (i < parts.length - 1) out.push(el('wbr')); });
    return out;
  }
  function kvTable(rows) {
    var t = el('table', 'kv');
    var body = el('tbody');
    rows.forEach(function (r) { body.appendChild(el('tr', null, [el('td', null, breakable(r[0])), el('td', null, valueNode(r[1]))])); });
    t.appendChild(body);
    return t;
  }
  function dataTable(headers, rows, numeric) {
    var t = el('table');
    var head = el('tr');
    headers.forEach(function (h, i) { head.appendChild(el('th', numeric && numeric[i] ? 'num' : null, h)); });
    t.appendChild(el('thead', null, head));
    var body = el('tbody');
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (c, i) { tr.appendChild(el('td', numeric && numeric[i] ? 'num' : null, valueNode(c))); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return el('div', 'table-wrap', t);
  }
  function jsonBlock(v) { return pre(JSON.stringify(v, null, 2)); }
  function copyButton(getText) {
    var b = el('button', 'copy', 'copy');
    b.type = 'button';
    b.addEventListener('click', function (e) {
      e.stopPropagation();
      var textValue = getText();
      var done = function () { b.textContent = 'copied'; setTimeout(function () { b.textContent = 'copy'; }, 1200); };
      var fallback = function () { b.textContent = 'select and copy'; };
      try {
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(textValue).then(done, fallback);
        else fallback();
      } catch (err) { fallback(); }
    });
    return b;
  }

  // ---- generic rendering: any section, including ones this page does not know ----
  function flatObject(v) { return isPlainObject(v) && Object.keys(v).every(function (k) { return isScalar(v[k]) || (Array.isArray(v[k]) && v[k].every(isScalar)); }); }
  function tableLike(v) {
    if (Array.isArray(v)) return v.length > 0 && v.every(flatObject);
    return isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every(function (k) { return flatObject(v[k]); });
  }
  /** Column order of mutant counts and of the mutant-generation funnel (the rest follow). */
  var COUNT_COLUMNS = ['total', 'killed', 'timeout', 'survived', 'killable', 'unconfirmed', 'possiblyEquivalent', 'unsorted', 'error'];
  var FUNNEL_COLUMNS = ['candidates', 'unparsable', 'uncompilable', 'duplicates', 'valid', 'sampledOut', 'run'];
  function objectsTable(v, keyHeader, order) {
    var isArr = Array.isArray(v);
    var names = isArr ? null : keys(v);
    var items = isArr ? v : names.map(function (k) { return v[k]; });
    // Same order as the page's static tables: text columns, then range bounds, then the rest.
    var all = [];
    items.forEach(function (o) { Object.keys(o).forEach(function (k) { if (all.indexOf(k) < 0) all.push(k); }); });
    var lead = ['threshold', 'from', 'to'];
    var rank = function (c) { return items.some(function (o) { return typeof o[c] === 'string'; }) ? 0 : lead.indexOf(c) >= 0 ? 1 : 2; };
    var cols = all.sort().sort(function (a, b) { return rank(a) - rank(b) || (rank(a) === 1 ? lead.indexOf(a) - lead.indexOf(b) : a < b ? -1 : a > b ? 1 : 0); });
    if (order) cols = order.filter(function (c) { return cols.indexOf(c) >= 0; }).concat(cols.filter(function (c) { return order.indexOf(c) < 0; }));
    var numeric = cols.map(function (c) { return items.every(function (o) { return o[c] === undefined || o[c] === null || typeof o[c] === 'number'; }); });
    var rows = items.map(function (o, i) {
      var cells = cols.map(function (c) { return o[c] === undefined ? '' : Array.isArray(o[c]) ? o[c].map(fmt).join(', ') : o[c]; });
      return isArr ? cells : [names[i]].concat(cells);
    });
    return dataTable(isArr ? cols : [keyHeader || ''].concat(cols), rows, isArr ? numeric : [false].concat(numeric));
  }
  function renderArray(arr) {
    if (arr.length === 0) return el('span', 'muted', 'none');
    if (arr.every(isScalar)) {
      if (arr.some(function (s) { return typeof s === 'string' && s.length > 60; })) {
        var ul = el('ul');
        arr.forEach(function (s) { ul.appendChild(el('li', null, fmt(s))); });
        return ul;
      }
      return el('span', null, arr.map(fmt).join(', '));
    }
    if (arr.every(flatObject)) return objectsTable(arr);
    return el('details', null, [el('summary', null, arr.length + ' item(s) (JSON)'), jsonBlock(arr)]);
  }
  function renderGeneric(value) {
    var box = el('div', 'generic');
    if (isScalar(value)) return append(box, fmt(value));
    if (Array.isArray(value)) return append(box, renderArray(value));
    var rows = [], extras = [];
    (function walk(v, prefix) {
      keys(v).forEach(function (k) {
        var x = v[k], path = prefix ? prefix + '.' + k : k;
        if (isScalar(x)) rows.push([path, x]);
        else if (Array.isArray(x)) {
          if (x.length === 0 || (x.every(isScalar) && !x.some(function (s) { return typeof s === 'string' && s.length > 60; }))) rows.push([path, x.length === 0 ? 'none' : x.map(fmt).join(', ')]);
          else extras.push([path, renderArray(x)]);
        } else if (tableLike(x) && Object.keys(x).length > 1) extras.push([path, objectsTable(x, 'key')]);
        else walk(x, path);
      });
    })(value, '');
    if (rows.length > 0) box.appendChild(kvTable(rows));
    extras.forEach(function (e) { box.appendChild(el('h4', null, e[0])); box.appendChild(e[1]); });
    if (rows.length === 0 && extras.length === 0) box.appendChild(el('span', 'muted', 'empty'));
    return box;
  }
  function rest(obj, known) {
    var out = {}, any = false;
    keys(obj).forEach(function (k) { if (known.indexOf(k) < 0) { out[k] = obj[k]; any = true; } });
    return any ? out : null;
  }

  // ---- evidence, diffs, findings ----
  function diffBlock(text) {
    var p = el('pre', 'diff');
    String(text).replace(/\n$/, '').split('\n').forEach(function (line) {
      var cls = /^(\+\+\+|---)( |$)/.test(line) ? 'file' : line.charAt(0) === '+' ? 'add' : line.charAt(0) === '-' ? 'del' : line.indexOf('@@') === 0 ? 'hunk' : 'ctx';
      p.appendChild(el('span', cls, line === '' ? ' ' : line));
    });
    return p;
  }
  function looksLikeDiff(s) { return /^(--- |\+\+\+ |@@ )/m.test(s) && /\n[+-]/.test(s); }
  function evidenceBlock(ev) {
    var box = el('div', 'evidence');
    var ks = keys(ev).sort(function (a, b) {
      var ia = EVIDENCE_ORDER.indexOf(a), ib = EVIDENCE_ORDER.indexOf(b);
      if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
      return a < b ? -1 : a > b ? 1 : 0;
    });
    var rows = [], blocks = [];
    ks.forEach(function (k) {
      var v = ev[k];
      if (typeof v === 'string' && (k === 'diff' || looksLikeDiff(v))) blocks.push([k, diffBlock(v)]);
      else if (typeof v === 'string' && (v.indexOf('\n') >= 0 || CODE_KEYS[k])) blocks.push([k, pre(v)]);
      else if (isScalar(v)) rows.push([k, v]);
      else if (Array.isArray(v) && v.every(isScalar)) rows.push([k, v.length === 0 ? 'none' : v.map(fmt).join(', ')]);
      else if (flatObject(v) && Object.keys(v).length === 2 && typeof v.start === 'number' && typeof v.end === 'number') rows.push([k, v.start + '–' + v.end]);
      else if (flatObject(v)) rows.push([k, keys(v).map(function (x) { return x + ': ' + fmt(v[x]); }).join(', ')]);
      else blocks.push([k, renderGeneric(v)]);
    });
    if (rows.length > 0) box.appendChild(kvTable(rows));
    if (blocks.length > 0) {
      var io = el('div', 'io');
      blocks.forEach(function (b) { io.appendChild(el('div', null, b[0])); io.appendChild(el('div', null, b[1])); });
      box.appendChild(io);
    }
    return box;
  }
  function findingBlock(f, open) {
    var box = el('div', 'finding sev-' + f.severity);
    box.appendChild(el('div', null, [badge(f.severity, 'sev-' + f.severity), ' ', chip(f.kind), ' ', el('span', 'muted', f.check + ' check')]));
    box.appendChild(el('div', 'msg', f.message));
    if (f.evidence && Object.keys(f.evidence).length > 0) {
      var d = el('details', null, [el('summary', null, 'evidence'), evidenceBlock(f.evidence)]);
      d.open = open;
      box.appendChild(d);
    }
    return box;
  }

  // ---- check sections ----
  function verdictBadge(v) { return badge(v, v === 'passed' ? 'sev-ok' : v === 'timeout' ? 'sev-warning' : 'sev-error'); }
  function renderStatic(s) {
    var box = el('div');
    var rows = [['tests', s.tests], ['test kind', s.testKind]];
    if (s.baseInputs !== undefined) rows.push(['base inputs', s.baseInputs]);
    if (s.plusInputs !== undefined) rows.push(['plus inputs', s.plusInputs]);
    if (s.challengeTests !== undefined) rows.push(['challenge tests', s.challengeTests]);
    box.appendChild(kvTable(rows));
    box.appendChild(el('h4', null, 'Prompt examples (' + (s.promptExamples || []).length + ')'));
    if (s.promptExamples && s.promptExamples.length > 0) {
      box.appendChild(dataTable(['line', 'style', 'call', 'expected'], s.promptExamples.map(function (p) { return [p.line, p.style, code(p.call), code(p.expected)]; }), [true, false, false, false]));
    } else box.appendChild(el('div', 'muted', 'The prompt shows no examples.'));
    var more = rest(s, ['tests', 'testKind', 'baseInputs', 'plusInputs', 'challengeTests', 'promptExamples']);
    if (more) box.appendChild(renderGeneric(more));
    return box;
  }
  function failureBlock(f) { return evidenceBlock(f); }
  function renderExecution(e) {
    var box = el('div');
    var flaky = (e.repeats || []).some(function (r) { return r !== e.verdict; });
    box.appendChild(el('div', null, ['reference solution: ', verdictBadge(e.verdict), flaky ? [' ', badge('flaky', 'sev-warning')] : null, ' ', el('span', 'muted', 'runs: ' + (e.repeats || []).join(', '))]));
    if (e.failure) { box.appendChild(el('h4', null, 'Failure')); box.appendChild(failureBlock(e.failure)); }
    if (e.challenge) {
      box.appendChild(el('h4', null, 'Challenge tests'));
      box.appendChild(el('div', null, verdictBadge(e.challenge.verdict)));
      if (e.challenge.failure) box.appendChild(failureBlock(e.challenge.failure));
    }
    if (e.promptExamples) { box.appendChild(el('h4', null, 'Prompt examples run')); box.appendChild(renderGeneric(e.promptExamples)); }
    if (e.plusInputs) { box.appendChild(el('h4', null, 'Plus inputs')); box.appendChild(renderGeneric(e.plusInputs)); }
    var more = rest(e, ['verdict', 'repeats', 'failure', 'challenge', 'promptExamples', 'plusInputs']);
    if (more) box.appendChild(renderGeneric(more));
    return box;
  }
  function survivorBlock(s) {
    var cls = s.verdict === 'killable' ? 'sev-warning' : s.verdict === 'possibly-equivalent' ? 'sev-info' : '';
    var box = el('div', 'survivor');
    box.appendChild(el('div', 'head', [badge(s.verdict, cls), chip(s.operator), el('span', null, 'line ' + s.line + ', column ' + s.column), code(s.original), '→', code(s.replacement), el('span', 'muted mono', s.id)]));
    box.appendChild(el('div', 'label muted', 'mutant diff'));
    box.appendChild(diffBlock(s.diff));
    if (s.evidence) {
      var ev = s.evidence;
      var io = el('div', 'io');
      io.appendChild(el('div', null, 'witness input'));
      io.appendChild(el('div', null, [pre(ev.input), el('span', 'muted', 'from ' + ev.inputSource + ' inputs')]));
      io.appendChild(el('div', null, 'reference output'));
      io.appendChild(el('div', null, pre(ev.referenceOutput)));
      io.appendChild(el('div', null, 'mutant output'));
      io.appendChild(el('div', null, pre(ev.mutantOutput)));
      io.appendChild(el('div', null, 'killing assert'));
      var noAssert = s.verdict === 'unconfirmed' ? 'none: the witness failed ' + (ev.checks ? ev.checks.failed.join(', ') : 'a check') : 'none: the reference output has no literal form';
      io.appendChild(el('div', null, ev.assert !== undefined ? [pre(ev.assert), copyButton(function () { return ev.assert; })] : el('span', 'muted', noAssert)));
      box.appendChild(io);
      var more = rest(ev, ['input', 'inputSource', 'referenceOutput', 'mutantOutput', 'assert']);
      if (more) box.appendChild(renderGeneric(more));
    }
    var extra = rest(s, ['id', 'operator', 'line', 'column', 'original', 'replacement', 'diff', 'verdict', 'evidence']);
    if (extra) box.appendChild(renderGeneric(extra));
    return box;
  }
  function renderMutation(m) {
    var box = el('div');
    var head = [badge(m.status, m.status === 'analysed' ? 'sev-ok' : 'sev-warning')];
    if (m.skipReason) head.push(' ', el('span', null, m.skipReason));
    box.appendChild(el('div', null, head));
    box.appendChild(kvTable([['mutation score', pct(m.score)], ['score excluding possibly-equivalent', pct(m.scoreExcludingEquivalent)]]));
    if (m.counts) box.appendChild(objectsTable([m.counts], '', COUNT_COLUMNS));
    if (m.mutants) { box.appendChild(el('h4', null, 'Mutant generation')); box.appendChild(objectsTable([m.mutants], '', FUNNEL_COLUMNS)); }
    if (m.byOperator && Object.keys(m.byOperator).length > 0) { box.appendChild(el('h4', null, 'By operator')); box.appendChild(objectsTable(m.byOperator, 'operator', COUNT_COLUMNS)); }
    if (m.trivialPasses && m.trivialPasses.length > 0) {
      box.appendChild(el('h4', null, 'Trivial solutions the tests accept'));
      box.appendChild(el('div', null, m.trivialPasses.map(function (t) { return chip(t, 'sev-error'); })));
    }
    if (m.coverage) {
      var c = m.coverage;
      box.appendChild(el('h4', null, 'Coverage of the reference solution'));
      box.appendChild(kvTable([
        ['lines', c.lines.covered + ' of ' + c.lines.total + ' (' + pct(c.lineRate) + ')'],
        ['branches', c.branches.covered + ' of ' + c.branches.total + ' (' + pct(c.branchRate) + ')'],
        ['uncovered lines', c.uncoveredLines.length > 0 ? c.uncoveredLines.join(', ') : 'none'],
      ]));
    }
    if (m.inputs) { box.appendChild(el('h4', null, 'Inputs used to sort survivors')); box.appendChild(objectsTable([m.inputs])); }
    var survivors = m.survivors || [];
    box.appendChild(el('h4', null, 'Surviving mutants (' + survivors.length + ')'));
    if (survivors.length === 0) box.appendChild(el('div', 'muted', 'none'));
    var list = el('div');
    survivors.slice(0, SURVIVORS_SHOWN).forEach(function (s) { list.appendChild(survivorBlock(s)); });
    box.appendChild(list);
    if (survivors.length > SURVIVORS_SHOWN) {
      var more = el('button', null, 'show all ' + survivors.length + ' survivors');
      more.type = 'button';
      more.addEventListener('click', function (e) {
        e.stopPropagation();
        survivors.slice(SURVIVORS_SHOWN).forEach(function (s) { list.appendChild(survivorBlock(s)); });
        more.remove();
      });
      box.appendChild(more);
    }
    var extra = rest(m, ['status', 'skipReason', 'mutants', 'counts', 'byOperator', 'score', 'scoreExcludingEquivalent', 'survivors', 'trivialPasses', 'inputs', 'coverage']);
    if (extra) box.appendChild(renderGeneric(extra));
    return box;
  }
  var MATCH_KNOWN = ['corpusId', 'repo', 'path', 'lines', 'containment', 'similarity', 'part', 'kind', 'via'];
  function matchBlock(m) {
    var box = el('div', 'survivor');
    var where = (m.repo ? m.repo + '/' : '') + m.path + (m.lines ? ':' + m.lines.start + '–' + m.lines.end : '');
    box.appendChild(el('div', 'head', [badge(m.kind, m.kind === 'near' ? 'sev-warning' : 'sev-error'), chip(m.part), el('span', 'mono', where), el('span', 'muted', 'containment ' + fmt(m.containment) + ', similarity ' + fmt(m.similarity) + ', via ' + m.via)]));
    var extra = rest(m, MATCH_KNOWN) || {};
    var texts = keys(extra).filter(function (k) { return typeof extra[k] === 'string'; });
    if (texts.length > 0) {
      var bench = texts.filter(function (k) { return /bench|task|prompt|solution|part/i.test(k); });
      var corpus = texts.filter(function (k) { return bench.indexOf(k) < 0; });
      var side = el('div', 'side');
      var col = function (label, ks) {
        var d = el('div');
        ks.forEach(function (k) { d.appendChild(el('div', 'label', label + ' (' + k + ')')); d.appendChild(pre(extra[k])); });
        return d;
      };
      if (bench.length > 0) side.appendChild(col('benchmark ' + m.part, bench));
      if (corpus.length > 0) side.appendChild(col('corpus ' + where, corpus));
      box.appendChild(side);
      texts.forEach(function (k) { delete extra[k]; });
    } else box.appendChild(el('div', 'muted', 'The report records where the match is (corpus ' + m.corpusId + '), not its text.'));
    if (Object.keys(extra).length > 0) box.appendChild(renderGeneric(extra));
    return box;
  }
  function taskLink(id) {
    var known = tasks.some(function (t) { return t.id === id; });
    if (!known) return code(id);
    var a = el('a', null, id);
    a.href = '#task=' + encodeURIComponent(id);
    a.addEventListener('click', function (e) { e.stopPropagation(); });
    return a;
  }
  function peersTable(list, local) {
    return dataTable(['benchmark', 'task', 'part', 'other part', 'containment', 'similarity', 'kind', 'sibling'], list.map(function (p) {
      return [p.benchmark, local && p.benchmark === report.benchmark.id ? taskLink(p.taskId) : code(p.taskId), p.part, p.otherPart, p.containment, p.similarity, p.kind, p.sibling ? 'yes' : ''];
    }), [false, false, false, false, true, true, false, false]);
  }
  function renderContamination(c) {
    var box = el('div');
    box.appendChild(kvTable([['best verified containment', c.maxContainment], ['trivial reference solution', c.trivial]]));
    if (c.parts && Object.keys(c.parts).length > 0) { box.appendChild(el('h4', null, 'Parts indexed')); box.appendChild(objectsTable(c.parts, 'part')); }
    box.appendChild(el('h4', null, 'Corpus matches (' + c.matches.length + ')'));
    if (c.matches.length === 0) box.appendChild(el('div', 'muted', 'none'));
    c.matches.forEach(function (m) { box.appendChild(matchBlock(m)); });
    if (c.duplicates && c.duplicates.length > 0) { box.appendChild(el('h4', null, 'Near-duplicates in this benchmark')); box.appendChild(peersTable(c.duplicates, true)); }
    if (c.overlaps && c.overlaps.length > 0) { box.appendChild(el('h4', null, 'Overlaps with other benchmarks')); box.appendChild(peersTable(c.overlaps, false)); }
    var extra = rest(c, ['trivial', 'parts', 'maxContainment', 'matches', 'duplicates', 'overlaps']);
    if (extra) box.appendChild(renderGeneric(extra));
    return box;
  }
  var RENDERERS = { static: renderStatic, execution: renderExecution, mutation: renderMutation, contamination: renderContamination };

  function renderDetail(t) {
    var box = el('div', 'detail');
    var head = el('div', 'block');
    head.appendChild(el('h3', null, ['Task ', code(t.id), ' · ', code(t.entryPoint)]));
    var src = t.source || {};
    var rows = [['source', (src.file || '') + ', row ' + src.row + (src.split ? ' (' + src.split + ')' : '')]];
    if (t.siblings && t.siblings.length > 0) rows.push(['siblings', t.siblings.map(function (s) { return s.benchmark + ' ' + s.taskId; }).join(', ')]);
    head.appendChild(kvTable(rows));
    var more = rest(t, ['id', 'entryPoint', 'source', 'siblings', 'checks', 'findings']);
    if (more) head.appendChild(renderGeneric(more));
    box.appendChild(head);
    var fb = el('div', 'block');
    fb.appendChild(el('h3', null, 'Findings (' + t.findings.length + ')'));
    if (t.findings.length === 0) fb.appendChild(el('div', 'muted', 'No findings for this task.'));
    var open = t.findings.length <= EVIDENCE_OPEN_MAX;
    t.findings.forEach(function (f) { fb.appendChild(findingBlock(f, open)); });
    box.appendChild(fb);
    var names = Object.keys(t.checks || {}).sort(function (a, b) {
      var ia = CHECK_ORDER.indexOf(a), ib = CHECK_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
    });
    names.forEach(function (name) {
      var b = el('div', 'block');
      b.setAttribute('data-check', name);
      b.appendChild(el('h3', null, CHECK_TITLES[name] || ('Check: ' + name)));
      var section = t.checks[name];
      var render = RENDERERS[name];
      var node;
      try {
        node = render && isPlainObject(section) ? render(section) : renderGeneric(section);
      } catch (err) {
        // A section whose shape this page does not expect is still shown, as generic data.
        node = el('div', null, [el('div', 'muted', 'Shown as raw data (unexpected shape: ' + (err && err.message ? err.message : String(err)) + ').'), renderGeneric(section)]);
      }
      b.appendChild(node);
      box.appendChild(b);
    });
    return box;
  }

  // ---- the task table ----
  function counts(t) {
    var c = { error: 0, warning: 0, info: 0 };
    t.findings.forEach(function (f) { if (c[f.severity] !== undefined) c[f.severity]++; });
    return c;
  }
  function kindsOf(t) {
    var seen = {}, out = [];
    t.findings.forEach(function (f) { if (!seen[f.kind]) { seen[f.kind] = f.severity; out.push(f); } });
    return out;
  }
  /** Per-task data the page derives, kept beside the report's objects (never mixed into them). */
  var meta = new Map();
  var has = function (name) { return tasks.some(function (t) { return t.checks && t.checks[name] !== undefined; }); };
  var num = function (v) { return typeof v === 'number' ? v : null; };
  var columns = [
    { label: 'Task', cls: 'id', value: function (t) { return t.id; }, cell: function (t) { return t.id; }, natural: true },
    { label: 'Entry point', cls: 'mono', value: function (t) { return t.entryPoint; }, cell: function (t) { return t.entryPoint; } },
    { label: 'Tests', cls: 'num', value: function (t) { return t.checks && t.checks.static ? num(t.checks.static.tests) : null; }, cell: function (t) { return t.checks && t.checks.static ? fmt(t.checks.static.tests) : '—'; } },
  ];
  SEVERITIES.forEach(function (s) {
    columns.push({ label: s === 'error' ? 'Errors' : s === 'warning' ? 'Warnings' : 'Info', cls: 'num', value: function (t) { return meta.get(t).counts[s]; }, cell: function (t) { var n = meta.get(t).counts[s]; return n === 0 ? el('span', 'zero', '0') : badge(String(n), 'sev-' + s); } });
  });
  if (has('execution')) columns.push({ label: 'Reference', value: function (t) { var e = t.checks.execution; return e ? e.verdict : null; }, cell: function (t) { var e = t.checks.execution; return e ? verdictBadge(e.verdict) : '—'; } });
  if (has('mutation')) columns.push({ label: 'Mutation score', cls: 'num', value: function (t) { var m = t.checks.mutation; return m ? num(m.score) : null; }, cell: function (t) { var m = t.checks.mutation; return !m ? '—' : m.status === 'skipped' ? el('span', 'muted', 'skipped') : pct(m.score); } });
  if (has('contamination')) columns.push({ label: 'Max containment', cls: 'num', value: function (t) { var c = t.checks.contamination; return c ? num(c.maxContainment) : null; }, cell: function (t) { var c = t.checks.contamination; return c ? fmt(c.maxContainment) : '—'; } });
  columns.push({ label: 'Findings', value: function (t) { return kindsOf(t).map(function (f) { return f.kind; }).join(' '); }, cell: function (t) { return kindsOf(t).map(function (f) { return chip(f.kind, 'sev-' + f.severity); }); } });

  tasks.forEach(function (t, i) {
    var kindsSeen = {};
    t.findings.forEach(function (f) { kindsSeen[f.kind] = true; });
    var haystack = [t.id, t.entryPoint, (t.source && t.source.file) || ''].concat(t.findings.map(function (f) { return f.kind + ' ' + f.message; })).join('\n').toLowerCase();
    meta.set(t, { index: i, counts: counts(t), kinds: kindsSeen, haystack: haystack });
  });

  var table = document.getElementById('task-table');
  var thead = el('thead');
  var headRow = el('tr');
  columns.forEach(function (c, i) {
    var th = el('th', c.cls === 'num' ? 'num' : null, c.label);
    th.setAttribute('data-col', String(i));
    th.title = 'sort by ' + c.label.toLowerCase();
    headRow.appendChild(th);
  });
  thead.appendChild(headRow);
  table.appendChild(thead);
  var tbody = el('tbody');
  table.appendChild(tbody);
  var rowOf = {};
  var detailOf = {};
  tasks.forEach(function (t) {
    var tr = el('tr', 'task-row');
    tr.tabIndex = 0;
    tr.setAttribute('data-id', t.id);
    tr.setAttribute('aria-expanded', 'false');
    columns.forEach(function (c) { tr.appendChild(el('td', c.cls || null, c.cell(t))); });
    tr.addEventListener('click', function () { toggle(t); });
    tr.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(t); } });
    rowOf[t.id] = tr;
    tbody.appendChild(tr);
  });
  function toggle(t, forceOpen) {
    var tr = rowOf[t.id];
    var open = detailOf[t.id];
    if (open && !forceOpen) {
      open.remove();
      delete detailOf[t.id];
      tr.classList.remove('open');
      tr.setAttribute('aria-expanded', 'false');
      return;
    }
    if (open) return open;
    var td = el('td', null, renderDetail(t));
    td.colSpan = columns.length;
    var row = el('tr', 'detail-row', td);
    row.setAttribute('data-detail-for', t.id);
    tr.parentNode.insertBefore(row, tr.nextSibling);
    detailOf[t.id] = row;
    tr.classList.add('open');
    tr.setAttribute('aria-expanded', 'true');
    return row;
  }

  // Sorting: click a header; again to reverse; missing values last.
  var sortState = { col: -1, dir: 1 };
  headRow.addEventListener('click', function (e) {
    var th = e.target.closest('th');
    if (!th) return;
    var col = Number(th.getAttribute('data-col'));
    sortState = { col: col, dir: sortState.col === col ? -sortState.dir : 1 };
    Array.prototype.forEach.call(headRow.children, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', sortState.dir === 1 ? 'ascending' : 'descending');
    var c = columns[col];
    var order = tasks.slice().sort(function (a, b) {
      var x = c.value(a), y = c.value(b);
      if (x === null || x === undefined || x === '') return y === null || y === undefined || y === '' ? meta.get(a).index - meta.get(b).index : 1;
      if (y === null || y === undefined || y === '') return -1;
      var r = typeof x === 'number' && typeof y === 'number' ? x - y : naturalCompare(String(x), String(y));
      return r !== 0 ? r * sortState.dir : meta.get(a).index - meta.get(b).index;
    });
    order.forEach(function (t) {
      tbody.appendChild(rowOf[t.id]);
      if (detailOf[t.id]) tbody.appendChild(detailOf[t.id]);
    });
  });

  // Filters.
  var search = document.getElementById('filter-text');
  var kindSelect = document.getElementById('filter-kind');
  var sevSelect = document.getElementById('filter-severity');
  var countBox = document.getElementById('task-count');
  var kinds = {};
  tasks.forEach(function (t) { Object.keys(meta.get(t).kinds).forEach(function (k) { kinds[k] = (kinds[k] || 0) + 1; }); });
  Object.keys(kinds).sort().forEach(function (k) {
    var o = el('option', null, k + ' (' + kinds[k] + ')');
    o.value = k;
    kindSelect.appendChild(o);
  });
  // A chart selection: the tasks behind one chart column, read from the column's link (data-tasks).
  var selection = null;
  var selBox = document.getElementById('filter-selection');
  var selLabel = document.getElementById('filter-selection-label');
  function selectionOf(key) {
    var links = document.querySelectorAll('a[data-sel]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute('data-sel') !== key) continue;
      var ids = {};
      var list;
      try { list = JSON.parse(links[i].getAttribute('data-tasks') || '[]'); } catch (err) { return null; }
      list.forEach(function (id) { ids[id] = true; });
      return { key: key, label: links[i].getAttribute('data-sel-label') || key, ids: ids, count: list.length };
    }
    return null;
  }
  function setSelection(sel) {
    selection = sel;
    selBox.hidden = sel === null;
    selLabel.textContent = sel === null ? '' : sel.label + ' (' + sel.count + ')';
  }
  function applyFilters() {
    var q = search.value.trim().toLowerCase();
    var kind = kindSelect.value;
    var sev = sevSelect.value;
    var shown = 0;
    tasks.forEach(function (t) {
      var ok = (selection === null || selection.ids[t.id] === true) && (q === '' || meta.get(t).haystack.indexOf(q) >= 0) && (kind === '' || meta.get(t).kinds[kind]) &&
        (sev === '' || (sev === 'none' ? t.findings.length === 0 : sev === 'any' ? t.findings.length > 0 : meta.get(t).counts[sev] > 0));
      rowOf[t.id].hidden = !ok;
      if (detailOf[t.id]) detailOf[t.id].hidden = !ok;
      if (ok) shown++;
    });
    countBox.textContent = shown === tasks.length ? tasks.length + ' tasks' : shown + ' of ' + tasks.length + ' tasks';
    countBox.setAttribute('data-shown', String(shown));
    countBox.setAttribute('data-total', String(tasks.length));
    document.getElementById('no-match').hidden = shown !== 0;
  }
  search.addEventListener('input', applyFilters);
  kindSelect.addEventListener('change', applyFilters);
  sevSelect.addEventListener('change', applyFilters);
  function clearFilters() { search.value = ''; kindSelect.value = ''; sevSelect.value = ''; setSelection(null); }
  document.getElementById('filter-reset').addEventListener('click', function () {
    clearFilters();
    applyFilters();
  });
  document.getElementById('filter-selection-clear').addEventListener('click', function () {
    setSelection(null);
    applyFilters();
  });

  // Deep links: #task=<id> opens a task (repeat it to open several); #q=, #kind=, #severity=, #sel= (a
  // chart column) set the filters, and the filters a link does not name are cleared (it shows exactly its tasks).
  function readHash() {
    var h = location.hash.replace(/^#/, '');
    if (h === '') return;
    var params = {}, wanted = [];
    h.split('&').forEach(function (pair) {
      var i = pair.indexOf('=');
      if (i < 0) return;
      var value;
      try { value = decodeURIComponent(pair.slice(i + 1)); } catch (err) { return; /* a malformed escape is ignored */ }
      if (pair.slice(0, i) === 'task') wanted.push(value);
      else params[pair.slice(0, i)] = value;
    });
    var filtering = params.q !== undefined || params.kind !== undefined || params.severity !== undefined || params.sel !== undefined;
    if (filtering) clearFilters();
    if (params.sel !== undefined) setSelection(selectionOf(params.sel));
    if (params.q !== undefined) search.value = params.q;
    if (params.kind !== undefined && kinds[params.kind]) kindSelect.value = params.kind;
    if (params.severity !== undefined && ['', 'any', 'none', 'error', 'warning', 'info'].indexOf(params.severity) >= 0) sevSelect.value = params.severity;
    applyFilters();
    var first = null;
    wanted.forEach(function (id) {
      var t = null;
      tasks.forEach(function (x) { if (x.id === id) t = x; });
      if (!t) return;
      if (rowOf[t.id].hidden) { clearFilters(); applyFilters(); }
      toggle(t, true);
      if (!first) first = rowOf[t.id];
    });
    if (first) first.scrollIntoView({ block: 'start' });
    else if (filtering) document.getElementById('tasks').scrollIntoView({ block: 'start' });
  }
  window.addEventListener('hashchange', readHash);
  // Chart columns and score-card figures apply their filter at once, even when the URL already
  // holds the same fragment (a second click would fire no hashchange).
  Array.prototype.forEach.call(document.querySelectorAll('svg.chart a[href^="#"], #scorecard a[href^="#"]'), function (a) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      var href = a.getAttribute('href');
      try { if (location.hash !== href) history.pushState(null, '', href); } catch (err) { /* the filter still applies */ }
      readHash();
    });
  });

  // Copy buttons rendered with the page (reproduce command).
  Array.prototype.forEach.call(document.querySelectorAll('[data-copy-from]'), function (b) {
    var source = document.getElementById(b.getAttribute('data-copy-from'));
    b.replaceWith(copyButton(function () { return source ? source.textContent : ''; }));
  });

  applyFilters();
  readHash();
  document.documentElement.setAttribute('data-rendered', 'ok');
})();
`;
