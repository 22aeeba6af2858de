import { h, type ComponentChildren } from '@bpmn-io/properties-panel/preact';
import { DurationSpecError } from '../../../../platform/src/calendar/calendar-errors';
import { parseDurationSpec } from '../../../../platform/src/calendar/duration-spec';
import { isFeel, mappingsOf, splitCodes, text, type CmPanelContext, type DiagramElement } from './cm-model';

/**
 * The lines shown beneath `cm` inputs: what the codes typed mean, which
 * durations are understood, which inputs an action takes. Deadlines are
 * checked with the engine's own parser (platform/src/calendar/duration-spec.ts,
 * pure), so the panel refuses exactly what publishing refuses.
 */

/** "3WD" ok, "3 days" refused with the parser's reason; FEEL is left to the lint. */
export function validateDeadline(value: string | undefined, ctx: CmPanelContext): string | null {
  if (value === undefined || value.trim() === '' || isFeel(value)) return null;
  try {
    parseDurationSpec(value);
    return null;
  } catch (err) {
    if (err instanceof DurationSpecError) return ctx.t('cm.deadline.invalid', { reason: err.message });
    throw err;
  }
}

export function durationHint(ctx: CmPanelContext): ComponentChildren {
  return ctx.t('cm.deadline.hint');
}

function codeLine(codes: string[], known: Map<string, string>, ctx: CmPanelContext, testId: string): ComponentChildren {
  const parts = codes.map((code) => {
    const name = known.get(code);
    return name ? `${name}（${code}）` : ctx.t('cm.unknownCode', { code });
  });
  const unknown = codes.some((c) => !known.has(c));
  return h('span', { 'data-testid': testId, class: unknown ? 'cm-preview cm-preview-error' : 'cm-preview' }, parts.join('、'));
}

/** Department names for the recognised codes of a literal list; a note for FEEL. */
export function departmentNames(value: string, _element: DiagramElement, ctx: CmPanelContext): ComponentChildren {
  if (isFeel(value)) return ctx.t('cm.feelList');
  const codes = splitCodes(value);
  if (codes.length === 0) return ctx.t('cm.candidateDepartments.hint');
  return codeLine(codes, new Map(ctx.lint.departments.map((d) => [d.code, d.name])), ctx, 'cm-candidate-departments-names');
}

/** Role names for a literal list, and the roles there are to choose from. */
export function roleNames(value: string, _element: DiagramElement, ctx: CmPanelContext): ComponentChildren {
  if (isFeel(value)) return ctx.t('cm.feelList');
  const codes = splitCodes(value);
  const known = new Map(ctx.lint.roles.map((r) => [r.code, r.name]));
  const available = ctx.t('cm.candidateRoles.available', { roles: ctx.lint.roles.map((r) => `${r.code}（${r.name}）`).join('、') });
  if (codes.length === 0) return available;
  return h('div', null, h('div', null, codeLine(codes, known, ctx, 'cm-candidate-roles-names')), h('div', null, available));
}

/**
 * The selected action's description, the input names its inputSchema
 * declares (required ones marked *), and the required ones the element's
 * cm:input mappings do not provide yet.
 */
export function actionInputsHint(value: string, element: DiagramElement, ctx: CmPanelContext): ComponentChildren {
  const action = ctx.actions.find((a) => a.name === value);
  if (!action) return value ? ctx.t('cm.action.unknown') : null;
  const properties = action.inputSchema?.properties ?? {};
  const required = action.inputSchema?.required ?? [];
  const names = Object.entries(properties).map(([name, p]) => `${name}${required.includes(name) ? '*' : ''}${p.title ? `（${p.title}）` : ''}`);
  const mapped = new Set(mappingsOf(element.businessObject, 'inputs').map((m) => text(m.get('name')).trim()));
  const missing = required.filter((name) => !mapped.has(name));
  return h(
    'div',
    { 'data-testid': 'cm-action-inputs' },
    action.description ? h('div', null, action.description) : null,
    h('div', null, names.length ? ctx.t('cm.action.inputs', { names: names.join('、') }) : ctx.t('cm.action.noInputs')),
    missing.length ? h('div', { class: 'cm-preview-error', 'data-testid': 'cm-action-missing' }, ctx.t('cm.action.missing', { names: missing.join('、') })) : null,
  );
}
