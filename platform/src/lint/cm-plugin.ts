/**
 * Our bpmnlint plug-in ("cm", i.e. the package name bpmnlint-plugin-cm): the
 * rule map and the `recommended` config that publish-time validation and the
 * browser designer both use (docs/lint-rules.md).
 *
 * Unlike a published plug-in, `rules` maps names to the rule factories
 * themselves rather than to file paths, because rules are served by a static
 * resolver (lint-definition.ts on the server, a bundled resolver in the
 * designer) and never looked up on disk.
 */
import type { Config, RuleFactory } from 'bpmnlint/lib/types';
import actionExists from './rules/action-exists';
import deadlineParses from './rules/deadline-parses';
import feelParses from './rules/feel-parses';
import formExists from './rules/form-exists';
import messageHasCorrelation from './rules/message-has-correlation';
import supportedElementsOnly from './rules/supported-elements-only';
import userTaskHasAssignee from './rules/user-task-has-assignee';
import userTaskHasForm from './rules/user-task-has-form';

/** Short plug-in name, as used in rule names ("cm/form-exists") and configs ("plugin:cm/recommended"). */
export const CM_PLUGIN = 'cm';

/** The package name bpmnlint derives from {@link CM_PLUGIN}; resolvers are asked for rules of this package. */
export const CM_PLUGIN_PACKAGE = 'bpmnlint-plugin-cm';

/** Our rules by name; each file in rules/ says what it checks and why. */
export const rules = {
  'supported-elements-only': supportedElementsOnly,
  'user-task-has-form': userTaskHasForm,
  'user-task-has-assignee': userTaskHasAssignee,
  'form-exists': formExists,
  'action-exists': actionExists,
  'deadline-parses': deadlineParses,
  'feel-parses': feelParses,
  'message-has-correlation': messageHasCorrelation,
} as const satisfies Readonly<Record<string, RuleFactory>>;

/** The name of one of our rules, without the "cm/" prefix. */
export type CmRuleName = keyof typeof rules;

/**
 * bpmnlint:recommended rules we switch off, with the reason shown in
 * docs/lint-rules.md. Kept as data so the doc, the config and the tests
 * cannot disagree about the list.
 */
export const EXCLUDED_BPMNLINT_RULES: Readonly<Record<string, string>> = {
  'no-bpmndi':
    'Diagram interchange (shapes and coordinates) is layout, not behaviour: packs may ship processes written without it, and the engine never reads it.',
  'no-overlapping-elements':
    'Layout only: it reads DI coordinates, so it says nothing about a file without DI and nothing about execution for a file with it.',
  'no-inclusive-gateway':
    'The engine executes inclusive gateways (ElementType "inclusiveGateway"); discouraging them would contradict the supported element list.',
};

/**
 * bpmnlint:recommended rules kept as warnings only: shown in the designer,
 * never a reason to refuse publication.
 */
export const WARNING_ONLY_BPMNLINT_RULES: Readonly<Record<string, string>> = {
  'label-required':
    'Unnamed start and end events, gateways and flows are normal in executable diagrams; the engine falls back to the element id. The designer still shows the warning, because names are what staff see on the case timeline.',
};

/**
 * bpmnlint:recommended minus {@link EXCLUDED_BPMNLINT_RULES}, plus all our
 * rules as errors. cm/form-exists and cm/action-exists run with no options
 * here (forms: not checked, actions: presence only); the publishing code
 * overrides them with the pack's forms and the registered actions.
 */
export const configs: { readonly recommended: Config } = {
  recommended: {
    extends: 'bpmnlint:recommended',
    rules: {
      ...Object.fromEntries(Object.keys(EXCLUDED_BPMNLINT_RULES).map((name) => [`bpmnlint/${name}`, 'off' as const])),
      ...Object.fromEntries(Object.keys(WARNING_ONLY_BPMNLINT_RULES).map((name) => [`bpmnlint/${name}`, 'warn' as const])),
      ...Object.fromEntries(Object.keys(rules).map((name) => [name, 'error' as const])),
    },
  },
};
