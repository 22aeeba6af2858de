import { isCheckboxEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited, ListGroup } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { durationHint, departmentNames, roleNames, validateDeadline, actionInputsHint } from './cm-describe';
import { CmCheckboxEntry, CmSelectEntry, CmTextEntry, ConditionEntry, DeadlinePreview } from './cm-entries';
import {
  addMappingCommands,
  isA,
  isAnyOf,
  mappingsOf,
  removeMappingCommands,
  type BpmnFactory,
  type CmPanelContext,
  type CommandStack,
  type DiagramElement,
  type ModdleElement,
} from './cm-model';

/** A properties-panel group as the panel renders it (a plain group or a ListGroup). */
interface PanelGroup {
  id: string;
  label: string;
  entries?: Record<string, unknown>[];
  component?: unknown;
  items?: Record<string, unknown>[];
  add?: (event: Event) => void;
  shouldOpen?: boolean;
}

interface Injector {
  get<T>(name: string): T;
}

const HAS_INPUTS = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:CallActivity'];
const HAS_OUTPUTS = ['bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:CallActivity', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent'];

/**
 * Our properties provider: the "审管联动" group (form, candidates, deadline,
 * warning thresholds, action, legal basis, offline channel, ...) and the
 * cm:ioMapping list editors, next to bpmn-js-properties-panel's standard
 * groups. Registered with the panel as the README's custom-provider pattern
 * describes; the server data it needs comes in as the modeler config "cm".
 */
export class CmPropertiesProvider {
  static $inject = ['propertiesPanel', 'injector', 'config.cm'];

  constructor(
    propertiesPanel: { registerProvider(priority: number, provider: unknown): void },
    private readonly injector: Injector,
    private readonly ctx: CmPanelContext,
  ) {
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: DiagramElement) {
    return (groups: PanelGroup[]): PanelGroup[] => {
      const ours = [this.cmGroup(element), this.mappingGroup(element, 'inputs'), this.mappingGroup(element, 'outputs')].filter((g): g is PanelGroup => g !== null);
      const general = groups.findIndex((g) => g.id === 'general');
      return [...groups.slice(0, general + 1), ...ours, ...groups.slice(general + 1)];
    };
  }

  private cmGroup(element: DiagramElement): PanelGroup | null {
    if (element.type === 'label') return null;
    const bo = element.businessObject;
    const { ctx } = this;
    const t = ctx.t;
    const entries: Record<string, unknown>[] = [];
    const text = (attr: string, label: string, extra: Record<string, unknown> = {}) =>
      entries.push({ id: `cm-${attr}`, component: CmTextEntry, isEdited: isTextFieldEntryEdited, ctx, attr, label, ...extra });

    if (isA(bo, 'bpmn:UserTask') || isA(bo, 'bpmn:StartEvent')) {
      entries.push({
        id: 'cm-formKey',
        component: CmSelectEntry,
        isEdited: isSelectEntryEdited,
        ctx,
        attr: 'formKey',
        label: t('cm.form'),
        testId: 'cm-form',
        options: () => ctx.lint.forms.map((f) => ({ value: f.key, label: `${f.title}（${f.key}）` })),
      });
      entries.push({
        id: 'cm-formVersion',
        component: CmSelectEntry,
        isEdited: isSelectEntryEdited,
        ctx,
        attr: 'formVersion',
        kind: 'integer',
        label: t('cm.formVersion'),
        testId: 'cm-form-version',
        options: (el: DiagramElement) => {
          const form = ctx.lint.forms.find((f) => f.key === el.businessObject.get('formKey'));
          return (form?.versions ?? []).map((v) => ({ value: String(v), label: t('cm.formVersion.n', { n: v }) }));
        },
        describe: () => t('cm.formVersion.hint'),
      });
    }
    if (isA(bo, 'bpmn:UserTask')) {
      text('candidateDepartments', t('cm.candidateDepartments'), { testId: 'cm-candidate-departments', placeholder: 'market, health / =[department]', describe: departmentNames });
      text('candidateRoles', t('cm.candidateRoles'), { testId: 'cm-candidate-roles', placeholder: 'staff, liaison', describe: roleNames });
      text('deadline', t('cm.deadline'), {
        testId: 'cm-deadline',
        placeholder: '3WD / 10CD / 48H / =…',
        validate: (v: string | undefined) => validateDeadline(v, ctx),
        describe: (value: string, el: DiagramElement) =>
          value.trim() === ''
            ? durationHint(ctx)
            : h(DeadlinePreview, { value, calendar: (el.businessObject.get('calendar') as string | undefined) ?? ctx.defaultCalendar, ctx }),
      });
      text('deadlineFrom', t('cm.deadlineFrom'), { testId: 'cm-deadline-from', placeholder: '=decisionDate', describe: () => t('cm.deadlineFrom.hint') });
      entries.push({
        id: 'cm-calendar',
        component: CmSelectEntry,
        isEdited: isSelectEntryEdited,
        ctx,
        attr: 'calendar',
        label: t('cm.calendar'),
        testId: 'cm-calendar',
        options: () => ctx.calendars.map((key) => ({ value: key, label: key })),
        describe: () => t('cm.calendar.hint', { key: ctx.defaultCalendar ?? '—' }),
      });
      text('warnYellow', t('cm.warnYellow'), { testId: 'cm-warn-yellow', kind: 'fraction', placeholder: '0.5' });
      text('warnRed', t('cm.warnRed'), { testId: 'cm-warn-red', kind: 'fraction', placeholder: '0.9' });
    }
    if (isAnyOf(bo, ['bpmn:ServiceTask', 'bpmn:SendTask'])) {
      entries.push({
        id: 'cm-action',
        component: CmSelectEntry,
        isEdited: isSelectEntryEdited,
        ctx,
        attr: 'action',
        label: t('cm.action'),
        testId: 'cm-action',
        options: () => ctx.actions.map((a) => ({ value: a.name, label: a.title && a.title !== a.name ? `${a.title}（${a.name}）` : a.name })),
        describe: actionInputsHint,
      });
      text('resultVariable', t('cm.resultVariable'), { testId: 'cm-result-variable' });
    }
    this.correlationEntry(element, entries);
    this.loopEntries(element, entries);
    this.timerEntry(element, entries);
    if (isA(bo, 'bpmn:SequenceFlow') && isConditional(bo)) {
      entries.push({ id: 'cm-condition', component: ConditionEntry, isEdited: isTextFieldEntryEdited, ctx, label: t('cm.condition'), testId: 'cm-condition' });
    }
    text('legalBasis', t('cm.legalBasis'), { testId: 'cm-legal-basis', placeholder: '第二十条（一）' });
    if (isA(bo, 'bpmn:UserTask')) {
      entries.push({ id: 'cm-offlineAllowed', component: CmCheckboxEntry, isEdited: isCheckboxEntryEdited, ctx, attr: 'offlineAllowed', label: t('cm.offlineAllowed'), testId: 'cm-offline-allowed' });
    }
    return { id: 'cm', label: t('cm.group'), entries, shouldOpen: true };
  }

  /** cm:correlationKey on receive/send tasks and on message event definitions. */
  private correlationEntry(element: DiagramElement, entries: Record<string, unknown>[]): void {
    const bo = element.businessObject;
    const defs = ((bo.get('eventDefinitions') ?? []) as ModdleElement[]).filter((d) => d.$instanceOf('bpmn:MessageEventDefinition'));
    const owner = isAnyOf(bo, ['bpmn:ReceiveTask', 'bpmn:SendTask']) ? bo : defs[0];
    if (!owner) return;
    entries.push({ id: 'cm-correlationKey', component: CmTextEntry, isEdited: isTextFieldEntryEdited, ctx: this.ctx, owner, attr: 'correlationKey', label: this.ctx.t('cm.correlationKey'), testId: 'cm-correlation-key', placeholder: '=caseRef' });
  }

  /** cm:collection / cm:elementVariable of a multi-instance activity. */
  private loopEntries(element: DiagramElement, entries: Record<string, unknown>[]): void {
    const loop = element.businessObject.get('loopCharacteristics') as ModdleElement | undefined;
    if (!loop || !loop.$instanceOf('bpmn:MultiInstanceLoopCharacteristics')) return;
    const t = this.ctx.t;
    entries.push({ id: 'cm-collection', component: CmTextEntry, isEdited: isTextFieldEntryEdited, ctx: this.ctx, owner: loop, attr: 'collection', label: t('cm.collection'), testId: 'cm-collection', placeholder: '=departments' });
    entries.push({ id: 'cm-elementVariable', component: CmTextEntry, isEdited: isTextFieldEntryEdited, ctx: this.ctx, owner: loop, attr: 'elementVariable', label: t('cm.elementVariable'), testId: 'cm-element-variable', placeholder: 'department' });
  }

  /** cm:atTaskDeadline on a timer boundary event of a user task. */
  private timerEntry(element: DiagramElement, entries: Record<string, unknown>[]): void {
    const bo = element.businessObject;
    if (!isA(bo, 'bpmn:BoundaryEvent')) return;
    const timer = ((bo.get('eventDefinitions') ?? []) as ModdleElement[]).find((d) => d.$instanceOf('bpmn:TimerEventDefinition'));
    if (!timer) return;
    entries.push({ id: 'cm-atTaskDeadline', component: CmCheckboxEntry, isEdited: isCheckboxEntryEdited, ctx: this.ctx, owner: timer, attr: 'atTaskDeadline', label: this.ctx.t('cm.atTaskDeadline'), testId: 'cm-at-task-deadline' });
  }

  /** The cm:input / cm:output list editor (name + FEEL expression per row). */
  private mappingGroup(element: DiagramElement, direction: 'inputs' | 'outputs'): PanelGroup | null {
    const bo = element.businessObject;
    if (element.type === 'label') return null;
    const existing = mappingsOf(bo, direction);
    if (existing.length === 0 && !isAnyOf(bo, direction === 'inputs' ? HAS_INPUTS : HAS_OUTPUTS)) return null;
    const { ctx } = this;
    const commandStack = this.injector.get<CommandStack>('commandStack');
    const factory = this.injector.get<BpmnFactory>('bpmnFactory');
    const prefix = `cm-${direction}`;
    const items = existing.map((mapping, index) => {
      const id = `${element.id}-${prefix}-${index}`;
      return {
        id,
        label: (mapping.get('name') as string | undefined) || ctx.t('cm.mapping.unnamed'),
        entries: [
          { id: `${id}-name`, component: CmTextEntry, isEdited: isTextFieldEntryEdited, ctx, owner: mapping, attr: 'name', label: ctx.t('cm.mapping.name'), testId: `${prefix}-name-${index}` },
          { id: `${id}-expression`, component: CmTextEntry, isEdited: isTextFieldEntryEdited, ctx, owner: mapping, attr: 'expression', label: ctx.t('cm.mapping.expression'), testId: `${prefix}-expression-${index}` },
        ],
        autoFocusEntry: `${id}-name`,
        remove: () => commandStack.execute('properties-panel.multi-command-executor', removeMappingCommands(element, direction, mapping)),
      };
    });
    return {
      id: prefix,
      label: ctx.t(direction === 'inputs' ? 'cm.inputs' : 'cm.outputs'),
      component: ListGroup,
      items,
      add: (event: Event) => {
        event.stopPropagation();
        commandStack.execute('properties-panel.multi-command-executor', addMappingCommands(element, direction, factory));
      },
    };
  }
}

/** A flow whose condition matters: out of an exclusive/inclusive gateway or an activity, and not the default flow. */
function isConditional(flow: ModdleElement): boolean {
  const source = flow.get('sourceRef') as ModdleElement | undefined;
  if (!source || isA(source, 'bpmn:ParallelGateway') || isA(source, 'bpmn:EventBasedGateway')) return false;
  return source.get('default') !== flow || flow.get('conditionExpression') !== undefined;
}
