import type { ProcedureMessageKey } from '../../i18n/procedure-messages';
import type { ActionInfo, LintContextInfo } from './procedure-api';

/**
 * The slice of bpmn-js's model the `cm` properties read and write: diagram
 * shapes with their moddle business objects, and the commands that keep
 * every edit on the undo stack (docs/bpmn-extensions.md for the attributes).
 */

/** A moddle element (bpmn:UserTask, cm:Input, ...). */
export interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
  $parent?: ModdleElement;
  get(name: string): any;
  $instanceOf(type: string): boolean;
}

/** A shape or connection on the canvas. */
export interface DiagramElement {
  readonly id: string;
  readonly type: string;
  readonly businessObject: ModdleElement;
}

/** What the `cm` properties need from the server, given to the modeler as config "cm". */
export interface CmPanelContext {
  lint: LintContextInfo;
  actions: ActionInfo[];
  /** Calendar keys of the tenant; cm:calendar picks one. */
  calendars: string[];
  /** The calendar a task without cm:calendar counts on (the tenant's default, else the first). */
  defaultCalendar: string | null;
  /** The UI language now (the page may switch it while the modeler lives). */
  locale(): 'zh-CN' | 'en';
  /** The designer's strings in the current language. */
  t(key: ProcedureMessageKey, vars?: Record<string, string | number>): string;
}

/** One queued modeling command, for 'properties-panel.multi-command-executor'. */
export interface Command {
  cmd: string;
  context: Record<string, unknown>;
}

export interface CommandStack {
  execute(command: string, context: unknown): void;
}

export interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

export function isA(bo: ModdleElement | undefined, type: string): boolean {
  return bo !== undefined && bo.$instanceOf(type);
}

export function isAnyOf(bo: ModdleElement | undefined, types: readonly string[]): boolean {
  return types.some((type) => isA(bo, type));
}

/** A FEEL value in an attribute that may also be a literal: a leading '='. */
export function isFeel(value: string | undefined): boolean {
  return value !== undefined && value.trim().startsWith('=');
}

/** Codes of a literal list attribute ("market, health", full-width commas too), blanks dropped. */
export function splitCodes(value: string | undefined): string[] {
  if (!value || isFeel(value)) return [];
  return value
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** The cm:ioMapping of an element, if it has one. */
export function ioMappingOf(bo: ModdleElement): ModdleElement | undefined {
  const ext = bo.get('extensionElements') as ModdleElement | undefined;
  const values = (ext?.get('values') ?? []) as ModdleElement[];
  return values.find((v) => v.$instanceOf('cm:IoMapping'));
}

/** The cm:input or cm:output entries of an element. */
export function mappingsOf(bo: ModdleElement, direction: 'inputs' | 'outputs'): ModdleElement[] {
  return [...((ioMappingOf(bo)?.get(direction) ?? []) as ModdleElement[])];
}

/**
 * Commands adding a cm:input / cm:output, creating bpmn:extensionElements and
 * cm:ioMapping on the way when missing, so the whole addition is one undo step.
 */
export function addMappingCommands(element: DiagramElement, direction: 'inputs' | 'outputs', factory: BpmnFactory): Command[] {
  const bo = element.businessObject;
  const commands: Command[] = [];
  let ext = bo.get('extensionElements') as ModdleElement | undefined;
  if (!ext) {
    ext = factory.create('bpmn:ExtensionElements', { values: [] });
    ext.$parent = bo;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: bo, properties: { extensionElements: ext } } });
  }
  let mapping = ioMappingOf(bo);
  if (!mapping) {
    mapping = factory.create('cm:IoMapping', {});
    mapping.$parent = ext;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: ext, properties: { values: [...((ext.get('values') ?? []) as ModdleElement[]), mapping] } } });
  }
  const entry = factory.create(direction === 'inputs' ? 'cm:Input' : 'cm:Output', { name: '', expression: '' });
  entry.$parent = mapping;
  commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: mapping, properties: { [direction]: [...((mapping.get(direction) ?? []) as ModdleElement[]), entry] } } });
  return commands;
}

/** Commands removing one mapping; an emptied cm:ioMapping is removed too, so no empty element is left in the XML. */
export function removeMappingCommands(element: DiagramElement, direction: 'inputs' | 'outputs', entry: ModdleElement): Command[] {
  const bo = element.businessObject;
  const mapping = ioMappingOf(bo);
  if (!mapping) return [];
  const other = direction === 'inputs' ? 'outputs' : 'inputs';
  const rest = mappingsOf(bo, direction).filter((m) => m !== entry);
  if (rest.length === 0 && mappingsOf(bo, other).length === 0) {
    const ext = bo.get('extensionElements') as ModdleElement;
    const values = ((ext.get('values') ?? []) as ModdleElement[]).filter((v) => v !== mapping);
    return [{ cmd: 'element.updateModdleProperties', context: { element, moddleElement: ext, properties: { values } } }];
  }
  return [{ cmd: 'element.updateModdleProperties', context: { element, moddleElement: mapping, properties: { [direction]: rest } } }];
}
