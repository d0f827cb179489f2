/** The static check: test counts, parse errors, prompt examples, duplicates, empty fields. */
import { checkPythonSyntax } from '../../python/syntax.js';
import { loadJavaScriptParser } from '../../javascript/parser.js';
import { checkJavaScriptSyntax } from '../../javascript/syntax.js';
import { taskLanguage } from '../../model/task.js';
import type { Check } from '../types.js';
import { DEFAULT_STATIC_CONFIG } from '../../model/defaults.generated.js';
import { analyzeStatic } from './analyze.js';

export { analyzeStatic, syntaxParts } from './analyze.js';
export { extractPromptExamples } from './prompt-examples.js';
export { countTests } from './count-tests.js';

export function createStaticCheck(options: { python?: string } = {}): Check<'static'> {
  return {
    name: 'static',
    async run(context) {
      context.progress.start('static checks', context.tasks.length);
      const js = context.tasks.some((t) => taskLanguage(t) === 'javascript') ? await loadJavaScriptParser() : undefined;
      const analysis = analyzeStatic(
        context.tasks,
        context.config.static ?? DEFAULT_STATIC_CONFIG,
        (sources) => (sources.length === 0 ? [] : checkPythonSyntax(sources, options.python)),
        js ? (source) => checkJavaScriptSyntax(js, source) : undefined,
      );
      context.progress.advance(context.tasks.length);
      context.progress.finish();
      return { tasks: analysis.tasks, summary: analysis.summary, findings: [], warnings: [] };
    },
  };
}
