/**
 * The strengthened suites (the mutation check's test amplification) in Markdown and HTML: a benchmark-level
 * summary (asserts per task, wrong programs killed, tasks without a suite and why) and, per task, the asserts
 * `export --strengthen` writes by default, why each was chosen and how many wrong programs it was seen to kill.
 * Pure: report in, text out.
 */
import type { AuditReport, MutationTask } from '../model/types.generated.js';
import { naturalCompare } from '../util/natural-compare.js';
import { escapeHtml } from './html/escape.js';

/** Asserts shown per task: export's default --max-added (apply/export.ts DEFAULT_MAX_ADDED), what a default export writes. */
export const SUITE_SHOWN = 16;
/** The mutation check's N_DETECT (checks/mutation/strengthen.ts, which report/ does not import): kills wanted per wrong program. */
export const N_DETECT = 4;
/** Failed evidence checks named per task without a confirmed input (the most frequent first). */
const FAILED_CHECKS_SHOWN = 3;

type Suite = NonNullable<MutationTask['strengthened']>;
type SuiteInput = Suite['inputs'][number];

export interface SuiteRow {
  n: number;
  assert: string;
  reason: SuiteInput['reason'];
  why: string;
  kills: number;
  source: string;
}

export interface TaskSuite {
  id: string;
  rows: SuiteRow[];
  /** Inputs of the suite beyond the rows shown (the report keeps up to STRENGTHEN_MAX_INPUTS). */
  more: number;
  /** Wrong programs named by the rows shown / all wrong programs of the task. */
  killedShown: number;
  killedAll: number;
  total: number;
  possiblyEquivalent: number;
}

export interface SuitesSummary {
  /** Tasks the mutation check analysed. */
  analysed: number;
  withSuite: number;
  asserts: number;
  byReason: Record<SuiteInput['reason'], number>;
  wrong: { total: number; killedShown: number; killedAll: number; possiblyEquivalent: number };
  byKind: Record<string, { total: number; killed: number }>;
  /** Why tasks have no suite: reason -> tasks (with a detail for each). */
  without: Map<string, { id: string; detail?: string }[]>;
  tasks: TaskSuite[];
}

function why(input: SuiteInput): string {
  if (input.reason === 'kills') return `kills a wrong program fewer than ${N_DETECT} earlier inputs kill`;
  if (input.reason === 'coverage') return 'reaches a branch outcome no earlier input reaches';
  return 'falls in an input class no earlier input or test does';
}

/** Why a task has no suite, in words a maintainer can act on, with a detail for that task. */
function withoutReason(section: MutationTask | undefined): { reason: string; detail?: string } | undefined {
  if (section === undefined) return { reason: 'not analysed by the mutation check' };
  if (section.status !== 'analysed') return { reason: 'mutation check skipped', ...(section.skipReason ? { detail: section.skipReason } : {}) };
  const s = section.strengthened;
  if (s === undefined) return { reason: 'no suite built (mutation.strengthen off)' };
  if (s.inputs.length > 0) return undefined;
  if (s.candidates.confirmed === 0) {
    const failed = Object.entries(s.candidates.byFailedCheck)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, FAILED_CHECKS_SHOWN)
      .map(([k, n]) => `${k} ${n}`);
    return { reason: 'no candidate input passed the evidence checks (most failed checks)', ...(failed.length > 0 ? { detail: failed.join(', ') } : {}) };
  }
  return { reason: 'no confirmed input beyond the tests kills a wrong program, reaches a new branch outcome or a new input class' };
}

/** Everything both renderers show, from the task sections (pure). Undefined when no task has a strengthened section. */
export function suitesSummary(report: AuditReport): SuitesSummary | undefined {
  const sections = report.tasks.map((t) => ({ id: t.id, section: t.checks.mutation as MutationTask | undefined }));
  if (!sections.some((x) => x.section?.strengthened !== undefined)) return undefined;
  const out: SuitesSummary = {
    analysed: sections.filter((x) => x.section?.status === 'analysed').length,
    withSuite: 0,
    asserts: 0,
    byReason: { kills: 0, coverage: 0, 'input-class': 0 },
    wrong: { total: 0, killedShown: 0, killedAll: 0, possiblyEquivalent: 0 },
    byKind: {},
    without: new Map(),
    tasks: [],
  };
  for (const { id, section } of [...sections].sort((a, b) => naturalCompare(a.id, b.id))) {
    const s = section?.strengthened;
    if (s !== undefined) {
      out.wrong.total += s.wrongPrograms.total;
      out.wrong.killedAll += s.wrongPrograms.killed;
      out.wrong.possiblyEquivalent += s.wrongPrograms.possiblyEquivalent.length;
      for (const [k, c] of Object.entries(s.wrongPrograms.byKind)) {
        const acc = (out.byKind[k] ??= { total: 0, killed: 0 });
        acc.total += c.total;
        acc.killed += c.killed;
      }
    }
    const no = withoutReason(section);
    if (no !== undefined) {
      out.without.set(no.reason, [...(out.without.get(no.reason) ?? []), { id, ...(no.detail !== undefined ? { detail: no.detail } : {}) }]);
      continue;
    }
    const shown = s!.inputs.slice(0, SUITE_SHOWN);
    const killedShown = new Set(shown.flatMap((i) => i.kills)).size;
    out.withSuite++;
    out.asserts += shown.length;
    out.wrong.killedShown += killedShown;
    for (const i of shown) out.byReason[i.reason]++;
    out.tasks.push({
      id,
      rows: shown.map((i, k) => ({ n: k + 1, assert: i.assert, reason: i.reason, why: why(i), kills: i.kills.length, source: i.inputSource })),
      more: s!.inputs.length - shown.length,
      killedShown,
      killedAll: s!.wrongPrograms.killed,
      total: s!.wrongPrograms.total,
      possiblyEquivalent: s!.wrongPrograms.possiblyEquivalent.length,
    });
  }
  return out;
}

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(1) : '—');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The benchmark-level figures, as label/value pairs (both renderers). */
function summaryRows(s: SuitesSummary): [string, string][] {
  const kinds = Object.entries(s.byKind)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, c]) => `${k} ${c.killed}/${c.total}`)
    .join(', ');
  return [
    ['tasks with a suite', `${s.withSuite} of ${s.analysed} analysed`],
    [`asserts added (first ${SUITE_SHOWN} per task, as export writes them)`, `${s.asserts} (${ratio(s.asserts, s.analysed)} per analysed task, ${ratio(s.asserts, s.withSuite)} per task with a suite)`],
    ['chosen because', `kills ${s.byReason.kills}, coverage ${s.byReason.coverage}, input class ${s.byReason['input-class']}`],
    [`wrong programs killed by those asserts (at least)`, `${s.wrong.killedShown} of ${s.wrong.total}`],
    ['wrong programs killed by the whole suite', `${s.wrong.killedAll} of ${s.wrong.total} (${s.wrong.possiblyEquivalent} no confirmed input tells from the reference)`],
    ['killed / total by kind (whole suite)', kinds === '' ? '—' : kinds],
    ['tasks without a suite', String([...s.without.values()].reduce((a, ids) => a + ids.length, 0))],
  ];
}

const NOTE =
  `Each wrong program (mutants of the reference, higher-order and plausible-mistake mutants, the reference where a sibling corrects it) runs until ${N_DETECT} inputs kill it, ` +
  `so "kills" counts the kills observed: a lower bound. Every expected value comes from a confirmed reference.`;

/** A Markdown code span that holds any text (a fence longer than the longest backtick run inside). */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function suitesMarkdown(report: AuditReport): string[] {
  const s = suitesSummary(report);
  if (s === undefined) return [];
  const out: string[] = ['## Strengthened suites', '', NOTE, ''];
  out.push('| figure | value |', '|---|---|', ...summaryRows(s).map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`), '');
  if (s.without.size > 0) {
    out.push('Tasks without a suite:', '');
    for (const [reason, ids] of [...s.without].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
      out.push(`- ${reason}: ${plural(ids.length, 'task')}: ${ids.map((x) => `${codeSpan(x.id)}${x.detail !== undefined ? ` (${oneLine(x.detail)})` : ''}`).join(', ')}`);
    }
    out.push('');
  }
  for (const t of s.tasks) {
    out.push(`### ${codeSpan(t.id)}: ${plural(t.rows.length, 'assert')}, killing ${t.killedShown} of ${t.total} wrong programs`, '');
    out.push('| # | assert | why | kills | input from |', '|---|---|---|---|---|');
    for (const r of t.rows) out.push(`| ${r.n} | ${cell(codeSpan(r.assert))} | ${cell(r.why)} | ${r.kills} | ${cell(r.source)} |`);
    out.push('');
    if (t.more > 0) out.push(`${plural(t.more, 'more input')} in the suite (\`export --max-added\` above ${SUITE_SHOWN} keeps them); the whole suite kills ${t.killedAll} of ${t.total}.`, '');
  }
  return out;
}

export function suitesHtml(report: AuditReport): string {
  const s = suitesSummary(report);
  if (s === undefined) return '';
  const esc = escapeHtml;
  const kv = summaryRows(s)
    .map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`)
    .join('');
  const without = [...s.without]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([reason, ids]) => `<li>${esc(reason)}: ${esc(plural(ids.length, 'task'))}: ${ids.map((x) => `<a href="#task=${esc(encodeURIComponent(x.id))}" class="mono">${esc(x.id)}</a>${x.detail !== undefined ? ` (${esc(x.detail)})` : ''}`).join(', ')}</li>`)
    .join('');
  const tasks = s.tasks.map((t) => {
    const rows = t.rows
      .map((r) => `<tr><td class="num">${r.n}</td><td class="mono">${esc(r.assert)}</td><td>${esc(r.why)}</td><td class="num">${r.kills}</td><td>${esc(r.source)}</td></tr>`)
      .join('');
    const more = t.more > 0 ? `<p class="muted">${esc(`${plural(t.more, 'more input')} in the suite (export --max-added above ${SUITE_SHOWN} keeps them); the whole suite kills ${t.killedAll} of ${t.total}.`)}</p>` : '';
    return `<details class="suite" data-task="${esc(t.id)}"><summary><span class="mono">${esc(t.id)}</span>: ${esc(`${plural(t.rows.length, 'assert')}, killing ${t.killedShown} of ${t.total} wrong programs`)}</summary><div class="table-wrap"><table><thead><tr><th class="num">#</th><th>assert</th><th>why</th><th class="num">kills</th><th>input from</th></tr></thead><tbody>${rows}</tbody></table></div>${more}</details>`;
  });
  return `<section class="card" id="suites">
<h2>Strengthened suites</h2>
<p class="muted">${esc(NOTE)}</p>
<table class="kv"><tbody>${kv}</tbody></table>
${without !== '' ? `<h4>Tasks without a suite</h4><ul>${without}</ul>` : ''}
<h4>Per task (${s.tasks.length})</h4>
${tasks.join('\n')}
</section>`;
}
