import recommended from 'bpmnlint/config/recommended';
import type { Config, Resolver, RuleFactory } from 'bpmnlint/lib/types';
import type { LintContextInfo } from './procedure-api';

/**
 * The server's publish-time lint, run live in the modeler (bpmn-js-bpmnlint):
 * the very rule modules of platform/src/lint (our cm plug-in) and the same
 * bpmnlint:recommended rules with the same exclusions, configured with the
 * tenant's forms and actions from GET /api/admin/lint-context — so what the
 * canvas flags is what publishing refuses.
 *
 * The plug-in is pulled in with import.meta.glob rather than a plain import
 * because its rule files use `export =` (bpmnlint's require() contract), which
 * the designer's ESM type-check rejects (TS1203); the bundler rewrites that
 * line (see admin-ui/vite.config.mts), and the typed view below is the slice
 * of cm-plugin.ts used here.
 */
interface CmPlugin {
  CM_PLUGIN: string;
  CM_PLUGIN_PACKAGE: string;
  rules: Record<string, RuleFactory>;
  configs: { recommended: Config };
  EXCLUDED_BPMNLINT_RULES: Record<string, string>;
}

const pluginModules = import.meta.glob<CmPlugin>('../../../../platform/src/lint/cm-plugin.ts', { eager: true });
const builtinModules = import.meta.glob<RuleFactory>('../../../../node_modules/bpmnlint/rules/*.js', { eager: true, import: 'default' });

function plugin(): CmPlugin {
  const found = Object.values(pluginModules)[0];
  if (!found) throw new Error('platform/src/lint/cm-plugin.ts was not bundled');
  return found;
}

/** bpmnlint's own rules by name ("label-required"), from the bundled rule files. */
function builtinRule(name: string): RuleFactory | undefined {
  const entry = Object.entries(builtinModules).find(([path]) => path.endsWith(`/rules/${name}.js`));
  return entry?.[1];
}

/** The { config, resolver } bpmn-js-bpmnlint expects ("linting.bpmnlint"). */
export interface CompiledLintConfig {
  config: Config;
  resolver: Resolver;
}

/**
 * Builds the live-lint configuration. Mirrors lintDefinition() in
 * platform/src/lint/lint-definition.ts: plugin:cm/recommended, with
 * cm/form-exists and cm/action-exists given the tenant's forms and actions.
 */
export function browserLintConfig(context: Pick<LintContextInfo, 'forms' | 'actions'>): CompiledLintConfig {
  const cm = plugin();
  const kept = Object.keys(recommended.rules).filter((name) => !(name in cm.EXCLUDED_BPMNLINT_RULES));
  const resolver: Resolver = {
    resolveRule(pkg: string, ruleName: string): RuleFactory {
      if (pkg === 'bpmnlint' && kept.includes(ruleName)) {
        const rule = builtinRule(ruleName);
        if (rule) return rule;
      }
      if (pkg === cm.CM_PLUGIN_PACKAGE && ruleName in cm.rules) return cm.rules[ruleName]!;
      throw new Error(`unknown lint rule <${pkg}/${ruleName}>`);
    },
    resolveConfig(pkg: string, configName: string): Config {
      if (pkg === 'bpmnlint' && configName === 'recommended') return recommended as Config;
      if (pkg === cm.CM_PLUGIN_PACKAGE && configName === 'recommended') return cm.configs.recommended;
      throw new Error(`unknown lint config <${pkg}/${configName}>`);
    },
  };
  const config: Config = {
    extends: `plugin:${cm.CM_PLUGIN}/recommended`,
    rules: {
      [`${cm.CM_PLUGIN}/form-exists`]: ['error', { forms: context.forms.map((f) => ({ key: f.key, versions: f.versions })) }],
      [`${cm.CM_PLUGIN}/action-exists`]: ['error', { actions: context.actions }],
    },
  };
  return { config, resolver };
}
