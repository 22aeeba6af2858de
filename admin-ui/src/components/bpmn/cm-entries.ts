import { CheckboxEntry, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h, type ComponentChildren, type VNode } from '@bpmn-io/properties-panel/preact';
import { useEffect, useLayoutEffect, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';
import { formatDueDate } from '../../../../runtime-ui/src/format';
import { text, type BpmnFactory, type CmPanelContext, type DiagramElement, type ModdleElement } from './cm-model';
import { validateDeadline } from './cm-describe';
import { procedureApi } from './procedure-api';

/**
 * The entries of the "审管联动" properties group, as preact components (the
 * properties panel renders preact, not React). Every write goes through
 * modeling.updateModdleProperties, so undo/redo covers it. Components are
 * module-level (stable identities): the panel re-creates entry objects on
 * every render and a new component function would remount the input and
 * lose the caret.
 */

/** Props every entry gets from the panel (the entry object plus the element). */
interface EntryBase {
  element: DiagramElement;
  id: string;
  ctx: CmPanelContext;
  label: string;
  /** data-testid for the input itself (end-to-end tests drive it). */
  testId?: string;
  /** The moddle element holding the attribute; default the element's business object. */
  owner?: ModdleElement;
  attr: string;
}

/** How a text attribute is stored: strings as typed, numbers parsed (moddle Integer/Real). */
type ValueKind = 'text' | 'integer' | 'fraction';

export interface CmTextProps extends EntryBase {
  kind?: ValueKind;
  placeholder?: string;
  validate?: (value: string | undefined) => string | null;
  /** A line beneath the input computed from the current value (names of codes, a deadline preview). */
  describe?: (value: string, element: DiagramElement, ctx: CmPanelContext) => ComponentChildren;
}

/** Puts a data-testid on the entry's input: the panel's entries take no extra attributes. */
function TestIdBox(props: { testId?: string; children?: ComponentChildren }): VNode<any> {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const input = ref.current?.querySelector('input, select, textarea');
    if (props.testId && input && input.getAttribute('data-testid') !== props.testId) input.setAttribute('data-testid', props.testId);
  });
  return h('div', { ref, 'data-testid': props.testId ? `${props.testId}-entry` : undefined }, props.children);
}

function ownerOf(props: EntryBase): ModdleElement {
  return props.owner ?? props.element.businessObject;
}

/** Writes one attribute as a command; undefined removes it from the XML. */
function useWriter(props: EntryBase, kind: ValueKind = 'text'): (value: string | undefined) => void {
  const modeling = useService<{ updateModdleProperties(e: DiagramElement, m: ModdleElement, p: Record<string, unknown>): void }>('modeling');
  return (value) => {
    let stored: unknown = value === undefined || value.trim() === '' ? undefined : value;
    if (stored !== undefined && kind !== 'text') {
      const n = Number(value);
      if (!Number.isFinite(n) || (kind === 'integer' && !Number.isInteger(n))) return; // the validation message says why; keep the model valid
      stored = n;
    }
    if (ownerOf(props).get(props.attr) === stored) return;
    modeling.updateModdleProperties(props.element, ownerOf(props), { [props.attr]: stored });
  };
}

export function CmTextEntry(props: CmTextProps): VNode<any> {
  const debounce = useService('debounceInput');
  const write = useWriter(props, props.kind);
  const value = text(ownerOf(props).get(props.attr));
  return h(
    TestIdBox,
    { testId: props.testId },
    h(TextFieldEntry, {
      element: props.element,
      id: props.id,
      label: props.label,
      placeholder: props.placeholder,
      debounce,
      getValue: () => text(ownerOf(props).get(props.attr)),
      setValue: (v: string | undefined) => write(v),
      validate: props.validate ?? (props.kind && props.kind !== 'text' ? numberValidator(props.kind, props.ctx) : undefined),
      description: props.describe ? props.describe(value, props.element, props.ctx) : undefined,
    }),
  );
}

function numberValidator(kind: ValueKind, ctx: CmPanelContext) {
  return (value: string | undefined): string | null => {
    if (value === undefined || value.trim() === '') return null;
    const n = Number(value);
    if (kind === 'integer') return Number.isInteger(n) && n > 0 ? null : ctx.t('cm.error.positiveInteger');
    return Number.isFinite(n) && n > 0 && n < 1 ? null : ctx.t('cm.error.fraction');
  };
}

export interface CmSelectProps extends EntryBase {
  kind?: ValueKind;
  options: (element: DiagramElement, ctx: CmPanelContext) => { value: string; label: string }[];
  describe?: (value: string, element: DiagramElement, ctx: CmPanelContext) => ComponentChildren;
}

/** A select; the current value is always an option, even when the server does not know it (so nothing is silently dropped). */
export function CmSelectEntry(props: CmSelectProps): VNode<any> {
  const write = useWriter(props, props.kind);
  const value = text(ownerOf(props).get(props.attr));
  const getOptions = () => {
    const options = [{ value: '', label: props.ctx.t('cm.none') }, ...props.options(props.element, props.ctx)];
    if (value !== '' && !options.some((o) => o.value === value)) options.push({ value, label: props.ctx.t('cm.unknownOption', { value }) });
    return options;
  };
  return h(
    TestIdBox,
    { testId: props.testId },
    h(SelectEntry, {
      element: props.element,
      id: props.id,
      label: props.label,
      getValue: () => text(ownerOf(props).get(props.attr)),
      setValue: (v: string) => write(v === '' ? undefined : v),
      getOptions,
      description: props.describe ? props.describe(value, props.element, props.ctx) : undefined,
    }),
  );
}

export function CmCheckboxEntry(props: EntryBase): VNode<any> {
  const modeling = useService<{ updateModdleProperties(e: DiagramElement, m: ModdleElement, p: Record<string, unknown>): void }>('modeling');
  return h(
    TestIdBox,
    { testId: props.testId },
    h(CheckboxEntry, {
      element: props.element,
      id: props.id,
      label: props.label,
      getValue: () => ownerOf(props).get(props.attr) === true,
      // Unchecked removes the attribute: "false" and absent mean the same.
      setValue: (v: boolean) => modeling.updateModdleProperties(props.element, ownerOf(props), { [props.attr]: v ? true : undefined }),
    }),
  );
}

/** A sequence flow's condition (bpmn:conditionExpression, FEEL; '=' optional). */
export function ConditionEntry(props: Omit<EntryBase, 'attr'>): VNode<any> {
  const debounce = useService('debounceInput');
  const modeling = useService<{ updateProperties(e: DiagramElement, p: Record<string, unknown>): void }>('modeling');
  const factory = useService<BpmnFactory>('bpmnFactory');
  const bo = props.element.businessObject;
  const read = () => text((bo.get('conditionExpression') as ModdleElement | undefined)?.get('body'));
  return h(
    TestIdBox,
    { testId: props.testId },
    h(TextFieldEntry, {
      element: props.element,
      id: props.id,
      label: props.label,
      debounce,
      getValue: read,
      setValue: (v: string | undefined) => {
        if ((v ?? '') === read()) return;
        const conditionExpression = v ? factory.create('bpmn:FormalExpression', { body: v }) : undefined;
        modeling.updateProperties(props.element, { conditionExpression });
      },
      description: props.ctx.t('cm.condition.hint'),
    }),
  );
}

/**
 * "若今天发起，期限为 YYYY-MM-DD": asks the server's calendar (GET
 * /api/calendars/:key/due) when a deadline written on this task would end if
 * a case started now. FEEL deadlines are only known when a case runs.
 */
export function DeadlinePreview(props: { value: string; calendar: string | null; ctx: CmPanelContext }): VNode<any> | null {
  const { value, calendar, ctx } = props;
  const [line, setLine] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    const spec = value.trim();
    if (spec === '') return setLine(null);
    if (spec.startsWith('=')) return setLine({ text: ctx.t('cm.deadline.feel'), error: false });
    if (!calendar) return setLine({ text: ctx.t('cm.deadline.noCalendar'), error: true });
    // An unreadable duration is already explained under the input; only ask the server about valid ones.
    if (validateDeadline(spec, ctx) !== null) return setLine(null);
    let live = true;
    const timer = setTimeout(() => {
      procedureApi.due(calendar, spec).then(
        (r) => live && setLine({ text: ctx.t('cm.deadline.preview', { date: formatDueDate(r.due) }), error: false }),
        (err: unknown) => live && setLine({ text: ctx.t('cm.deadline.previewFailed', { reason: err instanceof Error ? err.message : String(err) }), error: true }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [value, calendar]);
  if (!line) return null;
  return h('span', { 'data-testid': 'cm-deadline-preview', class: line.error ? 'cm-preview cm-preview-error' : 'cm-preview' }, line.text);
}
