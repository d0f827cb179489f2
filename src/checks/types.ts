/**
 * The contract between the audit orchestrator and a check. A check takes the normalized tasks
 * and its config and returns, per task, an optional report section and findings, plus an
 * optional benchmark summary. Checks never write files or print: warnings are returned and
 * progress goes to the injected sink.
 */
import type {
  CheckName,
  Config,
  ContaminationSummary,
  ContaminationTask,
  ExecutionSummary,
  ExecutionTask,
  Finding,
  MutationSummary,
  MutationTask,
  StaticSummary,
  StaticTask,
  Warning,
} from '../model/types.generated.js';
import { FINDING_KINDS } from '../model/finding-kinds.js';
import type { ProgressSink } from '../model/progress.js';
import type { Task } from '../model/task.js';

export interface CheckSections {
  static: { task: StaticTask; summary: StaticSummary };
  execution: { task: ExecutionTask; summary: ExecutionSummary };
  mutation: { task: MutationTask; summary: MutationSummary };
  contamination: { task: ContaminationTask; summary: ContaminationSummary };
}

export interface TaskCheckOutput<N extends CheckName> {
  /** Goes to tasks[].checks[<name>]. */
  section?: CheckSections[N]['task'];
  findings: Finding[];
}

export interface CheckOutput<N extends CheckName> {
  /** Aligned with `CheckContext.tasks`: element i belongs to tasks[i]. */
  tasks: TaskCheckOutput<N>[];
  /** Goes to summary.checks[<name>]. */
  summary?: CheckSections[N]['summary'];
  /** Benchmark-level findings. */
  findings: Finding[];
  warnings: Warning[];
  /** Non-deterministic details (timings, isolation in effect): go to run.checks[<name>]. */
  runInfo?: Record<string, unknown>;
}

export interface CheckContext {
  benchmark: string;
  /** The tasks in report order (sorted by id). */
  tasks: readonly Task[];
  config: Config;
  progress: ProgressSink;
  signal?: AbortSignal;
}

export interface Check<N extends CheckName = CheckName> {
  name: N;
  run(context: CheckContext): Promise<CheckOutput<N>>;
}

/** A finding, checked against the finding-kind registry (a kind reported by another check or with an unregistered severity is a bug). */
export function finding(
  check: CheckName,
  kind: Finding['kind'],
  severity: Finding['severity'],
  message: string,
  evidence: Record<string, unknown> = {},
): Finding {
  const info = FINDING_KINDS[kind];
  if (info.check !== check || !info.severities.includes(severity)) {
    throw new Error(`finding kind ${kind} is registered for the ${info.check} check with severities ${info.severities.join('/')}, not ${check}/${severity}`);
  }
  return { kind, severity, check, message, evidence };
}
