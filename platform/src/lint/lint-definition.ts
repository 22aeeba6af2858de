/**
 * Publish-time validation of a BPMN definition (DESIGN.md §5): the XML is
 * read with our cm: moddle extension and linted with bpmnlint, using the
 * recommended config of our plug-in (cm-plugin.ts) and the pack's forms and
 * the platform's actions as rule options. No .bpmnlintrc is read and no
 * plug-in is looked up: a static resolver serves exactly the rules below.
 */
import { BpmnModdle, type ModdleWarning } from 'bpmn-moddle';
import type { Config, Resolver, RuleFactory } from 'bpmnlint/lib/types';
import cmDescriptor from '../engine/parse/cm-moddle.json';
import { CM_PLUGIN, CM_PLUGIN_PACKAGE, configs, EXCLUDED_BPMNLINT_RULES, rules as cmRules } from './cm-plugin';

/** One reason a definition is refused or flagged, located on a diagram element. */
export interface LintIssue {
  /** Id of the element the admin must fix; "" when the problem is the file as a whole. */
  readonly elementId: string;
  /** bpmnlint rule name ("label-required", "cm/form-exists") or {@link IMPORT_RULE}. */
  readonly rule: string;
  /** A sentence saying what is wrong. */
  readonly message: string;
}

/** Errors refuse publication; warnings are shown but do not. */
export interface LintReport {
  readonly errors: LintIssue[];
  readonly warnings: LintIssue[];
}

/** What the definition may refer to: the pack's forms (with published versions) and the registered actions. */
export interface LintContext {
  /** Absent: form references are not checked (cm/form-exists reports nothing). */
  readonly forms?: readonly { readonly key: string; readonly versions: readonly number[] }[];
  /** Absent: action names are not checked, only that each service task has one. */
  readonly actions?: readonly string[];
}

/**
 * Rule name on issues that come from reading the XML rather than from a lint
 * rule: malformed XML, unknown attributes in the BPMN or cm namespace,
 * references to ids that do not exist. These are errors, because the engine
 * would silently read such a file differently from what the admin drew.
 */
export const IMPORT_RULE = 'bpmn-import';

/** A bpmnlint report as the Linter returns it (bpmnlint ships no types for the Linter itself). */
interface AnnotatedReport {
  readonly id?: string;
  readonly message: string;
  readonly category: 'off' | 'warn' | 'error' | 'info' | 'rule-error';
}

interface BpmnLinter {
  lint(root: unknown, config?: Config): Promise<Record<string, readonly AnnotatedReport[]>>;
}

// bpmnlint is CommonJS without type declarations, hence require and a typed view.
const { Linter } = require('bpmnlint') as { Linter: new (options: { config: Config; resolver: Resolver }) => BpmnLinter };
const bpmnlintRecommended = require('bpmnlint/config/recommended') as Config;

const BUILTIN_RULES: readonly string[] = Object.keys(bpmnlintRecommended.rules ?? {}).filter(
  (name) => !(name in EXCLUDED_BPMNLINT_RULES),
);

/**
 * Every rule a definition is linted with, as named on {@link LintIssue.rule}:
 * the kept bpmnlint:recommended rules, then ours as "cm/<name>". For the
 * designer, which will show the same rules live.
 */
export const LINT_RULES: readonly string[] = [...BUILTIN_RULES, ...Object.keys(cmRules).map((name) => `${CM_PLUGIN}/${name}`)];

/**
 * Lint one BPMN file before it is published. Resolves (never rejects for a
 * bad file) with every problem found; the caller refuses publication when
 * `errors` is non-empty. A file that is not BPMN XML at all yields a single
 * {@link IMPORT_RULE} error and no lint results.
 */
export async function lintDefinition(xml: string, context: LintContext = {}): Promise<LintReport> {
  // A moddle caches types as it reads and a Linter caches rule instances (some
  // keep per-run state), so both are built per call: nothing leaks between packs.
  const read = await new BpmnModdle({ cm: cmDescriptor })
    .fromXML(xml)
    .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  if (read instanceof Error) {
    const message = `The file is not BPMN XML: ${flatten(read.message)}`;
    return { errors: [{ elementId: '', rule: IMPORT_RULE, message }], warnings: [] };
  }
  const report: LintReport = { errors: read.warnings.map(importIssue), warnings: [] };
  deriveFlowNodeLinks(read.rootElement);

  const config: Config = {
    extends: `plugin:${CM_PLUGIN}/recommended`,
    rules: {
      [`${CM_PLUGIN}/form-exists`]: ['error', { forms: context.forms }],
      [`${CM_PLUGIN}/action-exists`]: ['error', { actions: context.actions }],
    },
  };
  const results = await new Linter({ config, resolver: staticResolver() }).lint(read.rootElement);
  for (const [rule, reports] of Object.entries(results)) {
    for (const { id, message, category } of reports) {
      if (category === 'rule-error') {
        report.errors.push({ elementId: '', rule, message: `The lint rule failed, so the file cannot be checked: ${message}` });
      } else if (category === 'error') {
        report.errors.push({ elementId: id ?? '', rule, message });
      } else if (category === 'warn' || category === 'info') {
        report.warnings.push({ elementId: id ?? '', rule, message });
      }
    }
  }
  return report;
}

/** Serves bpmnlint's kept built-in rules, its recommended config and our plug-in; anything else is an error. */
function staticResolver(): Resolver {
  return {
    resolveRule(pkg: string, ruleName: string): RuleFactory {
      if (pkg === 'bpmnlint' && BUILTIN_RULES.includes(ruleName)) {
        return require(`bpmnlint/rules/${ruleName}`) as RuleFactory;
      }
      if (pkg === CM_PLUGIN_PACKAGE && ruleName in cmRules) return cmRules[ruleName as keyof typeof cmRules];
      throw new Error(`unknown lint rule <${pkg}/${ruleName}>`);
    },
    resolveConfig(pkg: string, configName: string): Config {
      if (pkg === 'bpmnlint' && configName === 'recommended') return bpmnlintRecommended;
      if (pkg === CM_PLUGIN_PACKAGE && configName === 'recommended') return configs.recommended;
      throw new Error(`unknown lint config <${pkg}/${configName}>`);
    },
  };
}

/** The slice of a moddle element the flow linking reads. */
interface ModdleNode {
  readonly $type: string;
  readonly [property: string]: unknown;
  get(property: string): unknown;
}

/**
 * BPMN defines a flow node's incoming/outgoing as derived from the sequence
 * flows' targetRef/sourceRef. bpmn-js writes both; pack files written by hand
 * often only the flows, and bpmnlint's rules (no-disconnected,
 * no-implicit-start, ...) read incoming/outgoing. Completing them here makes
 * both kinds of file lint the same, as the engine reads them the same.
 */
function deriveFlowNodeLinks(container: unknown): void {
  if (!isModdleNode(container)) return;
  for (const child of [...list(container.rootElements), ...list(container.flowElements)]) {
    if (!isModdleNode(child)) continue;
    if (child.$type === 'bpmn:SequenceFlow') {
      addOnce(child.sourceRef, 'outgoing', child);
      addOnce(child.targetRef, 'incoming', child);
    }
    if (Array.isArray(child.flowElements)) deriveFlowNodeLinks(child);
  }
}

function addOnce(node: unknown, property: 'incoming' | 'outgoing', flow: ModdleNode): void {
  if (!isModdleNode(node)) return;
  const links = node.get(property);
  if (Array.isArray(links) && !links.includes(flow)) links.push(flow);
}

function isModdleNode(value: unknown): value is ModdleNode {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An import warning as an error on the nearest element with an id. */
function importIssue(warning: ModdleWarning): LintIssue {
  const message = flatten(warning.message);
  const property = typeof warning.property === 'string' && !message.includes(warning.property) ? ` (${warning.property})` : '';
  return {
    elementId: nearestId(warning.element),
    rule: IMPORT_RULE,
    message: `The XML does not read cleanly as BPMN: ${message}${property}`,
  };
}

function nearestId(element: unknown): string {
  let node = element as { id?: unknown; $parent?: unknown } | undefined;
  for (let depth = 0; node !== undefined && node !== null && depth < 20; depth++) {
    if (typeof node.id === 'string' && node.id !== '') return node.id;
    node = node.$parent as typeof node;
  }
  return '';
}

/** Moddle messages carry "\n\tline: 3\n\tcolumn: 5" details; keep them on one line. */
function flatten(message: string): string {
  return message.replace(/\s*\n\s*/g, '; ');
}
