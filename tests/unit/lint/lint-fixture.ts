import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IMPORT_RULE, lintDefinition, type LintContext, type LintIssue } from '../../../platform/src/lint/lint-definition';

/**
 * A rule's errors for one of its fixtures (tests/fixtures/lint/<rule>/), after
 * checking that the fixture reads cleanly and that the rule reports errors only.
 */
export function ruleIssues(rule: string, fixtureDir: string, defaultContext?: LintContext) {
  const root = path.resolve(__dirname, '../../fixtures/lint');
  /** `directory` reads a fixture of another rule, to show this rule stays silent on it. */
  return async (fixture: string, context: LintContext | undefined = defaultContext, directory = fixtureDir): Promise<LintIssue[]> => {
    const report = await lintDefinition(readFileSync(path.join(root, directory, fixture), 'utf8'), context);
    expect(report.errors.filter((issue) => issue.rule === IMPORT_RULE)).toEqual([]);
    expect(report.warnings.filter((issue) => issue.rule === rule)).toEqual([]);
    return report.errors.filter((issue) => issue.rule === rule);
  };
}
