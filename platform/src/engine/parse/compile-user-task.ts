import { ROLES } from '../../domain/org/membership.entity';
import type { UserTaskDef } from '../model/compiled-model';
import { codesOrFeel, compact, durationOrFeel, feelSource, identifier } from './compile-values';
import { DefinitionCompileError } from './definition-errors';
import { numeric, text, type BpmnNode } from './moddle-node';

/**
 * Compiles the cm: attributes of a bpmn:userTask: the form staff fill, who
 * may claim it, and its statutory deadline with warning thresholds.
 *
 * Why refuse rather than default: a task without a form cannot be shown, and
 * a mistyped deadline ("3 days": working or calendar?) must not quietly
 * become no deadline, since deadlines are what the regulation enforces.
 * @throws DefinitionCompileError for a missing cm:formKey, an invalid
 *   cm:deadline or FEEL, or thresholds outside 0 < yellow <= red < 1.
 */
export function compileUserTask(node: BpmnNode, id: string): UserTaskDef {
  const site = (attribute: string) => ({ elementId: id, attribute });
  const formKey = identifier(text(node, 'formKey'));
  if (formKey === undefined) {
    throw new DefinitionCompileError(id, 'is a user task without cm:formKey; name the form staff fill in.');
  }
  const formVersion = numeric(node, 'formVersion');
  if (formVersion !== undefined && !(Number.isSafeInteger(formVersion) && formVersion >= 1)) {
    throw new DefinitionCompileError(id, `cm:formVersion must be a positive integer, got ${formVersion}.`);
  }
  const deadlineText = text(node, 'deadline');
  const candidateRoles = codesOrFeel(text(node, 'candidateRoles'), site('cm:candidateRoles'));
  if (candidateRoles && 'static' in candidateRoles) {
    const unknown = candidateRoles.static.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length) throw new DefinitionCompileError(id, `cm:candidateRoles names ${unknown.join(', ')}, but the roles are ${ROLES.join(', ')}; nobody could ever act on this task.`);
  }
  return compact({
    formKey,
    formVersion,
    candidateDepartments: codesOrFeel(text(node, 'candidateDepartments'), site('cm:candidateDepartments')),
    candidateRoles,
    deadline: deadlineText === undefined ? undefined : durationOrFeel(deadlineText, site('cm:deadline')),
    deadlineFrom: deadlineFrom(node, id, deadlineText !== undefined),
    calendar: identifier(text(node, 'calendar')),
    thresholds: thresholds(node, id, deadlineText !== undefined),
  });
}

function deadlineFrom(node: BpmnNode, id: string, hasDeadline: boolean): UserTaskDef['deadlineFrom'] {
  const raw = text(node, 'deadlineFrom');
  if (raw === undefined) return undefined;
  if (!hasDeadline) throw new DefinitionCompileError(id, 'has cm:deadlineFrom but no cm:deadline to count from it.');
  return feelSource(raw, { elementId: id, attribute: 'cm:deadlineFrom' });
}

function thresholds(node: BpmnNode, id: string, hasDeadline: boolean): UserTaskDef['thresholds'] {
  const yellow = numeric(node, 'warnYellow');
  const red = numeric(node, 'warnRed');
  if (yellow === undefined && red === undefined) return undefined;
  if (!hasDeadline) {
    throw new DefinitionCompileError(id, 'has cm:warnYellow / cm:warnRed but no cm:deadline; warnings are fractions of the deadline.');
  }
  for (const [attribute, value] of [['cm:warnYellow', yellow], ['cm:warnRed', red]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0 && value < 1)) {
      throw new DefinitionCompileError(id, `${attribute} must be a fraction of the deadline between 0 and 1 (e.g. 0.5), got ${value}.`);
    }
  }
  if (yellow !== undefined && red !== undefined && yellow > red) {
    throw new DefinitionCompileError(id, `cm:warnYellow (${yellow}) must not exceed cm:warnRed (${red}).`);
  }
  return compact({ yellow, red });
}
