/**
 * The immutable, in-memory form of one published process definition version.
 *
 * BPMN XML is parsed once per version (parse/compile-definition.ts) into
 * these plain objects, so the runtime never walks moddle trees or reparses
 * expressions on the hot path. Everything is keyed by element id.
 */
import type { DurationSpec } from '../../calendar';

/** A FEEL expression as written in the diagram, without the leading "=". */
export interface FeelSource {
  readonly feel: string;
}

/** A value that is either fixed in the diagram or computed by FEEL from case variables. */
export type StaticOrFeel<T> = { readonly static: T } | FeelSource;

export type ElementType =
  | 'startEvent'
  | 'endEvent'
  | 'userTask'
  | 'serviceTask'
  | 'sendTask'
  | 'receiveTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'subProcess'
  | 'callActivity';

/** Which event definition an event carries; `none` for plain start/end events. */
export type EventKind = 'none' | 'message' | 'timer' | 'error' | 'escalation' | 'terminate';

export interface TimerDef {
  /** Fire after this long from when the token arrives (working days allowed, e.g. "3WD"). */
  readonly duration?: StaticOrFeel<DurationSpec>;
  /** Fire at this instant (ISO 8601 date-time, or FEEL returning one). */
  readonly date?: StaticOrFeel<string>;
  /** Repeating start timer: ISO 8601 repeating interval, e.g. "R/2023-02-01T09:00:00+08:00/P1M". */
  readonly cycle?: string;
  /** Boundary timer that fires when the attached user task's deadline passes (cm:atTaskDeadline). */
  readonly atTaskDeadline?: boolean;
}

export interface EventDef {
  readonly kind: EventKind;
  /** For message events: the message name. */
  readonly messageName?: string;
  /**
   * For message catch events: FEEL over the catching case's variables giving
   * the key a sender must quote; for throws: FEEL over the sender's variables.
   */
  readonly correlationKey?: FeelSource;
  readonly timer?: TimerDef;
  /** For error events: the error code thrown or caught (undefined on a catch = catch all). */
  readonly errorCode?: string;
  readonly escalationCode?: string;
}

/** name ← FEEL expression; inputs evaluate in the outer scope, outputs over the inner result. */
export interface Mapping {
  readonly name: string;
  readonly expression: FeelSource;
}

export interface UserTaskDef {
  readonly formKey: string;
  readonly formVersion?: number;
  readonly candidateDepartments?: StaticOrFeel<readonly string[]>;
  readonly candidateRoles?: StaticOrFeel<readonly string[]>;
  /** Undefined: no deadline. */
  readonly deadline?: StaticOrFeel<DurationSpec>;
  /**
   * FEEL giving the day or instant the deadline counts from (the triggering
   * event, e.g. the penalty decision date); undefined means when the task is
   * created. A date means that day in the calendar's zone.
   */
  readonly deadlineFrom?: FeelSource;
  /** Calendar key; undefined means the tenant's default. */
  readonly calendar?: string;
  readonly thresholds?: { readonly yellow?: number; readonly red?: number };
}

export interface ActionDef {
  /** Name in the actions registry, e.g. "push", "notify". */
  readonly name: string;
  readonly inputs: readonly Mapping[];
  /** Where the action's result goes in the case variables, if anywhere. */
  readonly resultVariable?: string;
}

export interface MultiInstanceDef {
  readonly sequential: boolean;
  /** FEEL giving the list to iterate; one instance per item. */
  readonly collection?: FeelSource;
  /** Variable holding the current item inside each instance. */
  readonly elementVariable?: string;
  /** Alternative to a collection: FEEL giving a count. */
  readonly loopCardinality?: FeelSource;
  /** FEEL evaluated after each instance completes; true ends the remaining instances. */
  readonly completionCondition?: FeelSource;
}

export interface SequenceFlowDef {
  readonly id: string;
  readonly name?: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition?: FeelSource;
}

export interface ElementDef {
  readonly id: string;
  readonly type: ElementType;
  readonly name?: string;
  /** Id of the enclosing scope: the process id, or a subProcess id. */
  readonly scopeId: string;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  /** For gateways and activities: the default flow id. */
  readonly defaultFlow?: string;
  readonly event?: EventDef;
  /** Boundary events attached to this activity. */
  readonly boundaryEvents: readonly string[];
  /** For boundary events. */
  readonly attachedTo?: string;
  readonly cancelActivity?: boolean;
  readonly userTask?: UserTaskDef;
  readonly action?: ActionDef;
  /** For receiveTask and sendTask: the message name (correlation key on `event`). */
  readonly messageName?: string;
  readonly multiInstance?: MultiInstanceDef;
  /** callActivity: key of the called process, and mappings into and out of the child case. */
  readonly calledProcess?: string;
  readonly inputs: readonly Mapping[];
  readonly outputs: readonly Mapping[];
  /** subProcess: its own none start event. */
  readonly startEventId?: string;
  /** Start events: the form a start payload must satisfy (cm:formKey on the start event). */
  readonly startForm?: { readonly formKey: string; readonly formVersion?: number };
  /** The article of the regulation this step implements (cm:legalBasis). */
  readonly legalBasis?: string;
  readonly offlineAllowed?: boolean;
}

export interface CompiledProcess {
  /** Process id in the XML, used as the procedure key. */
  readonly key: string;
  readonly name?: string;
  readonly legalBasis?: string;
  readonly elements: ReadonlyMap<string, ElementDef>;
  readonly flows: ReadonlyMap<string, SequenceFlowDef>;
  /** The process-level none start event (at most one). */
  readonly noneStartId?: string;
  /** Message start events by message name. */
  readonly messageStarts: ReadonlyMap<string, string>;
  /** Timer start events (periodic reports). */
  readonly timerStarts: readonly string[];
}

/** A whole published definition: one BPMN file may hold several processes (e.g. a called one). */
export interface CompiledDefinition {
  readonly processes: ReadonlyMap<string, CompiledProcess>;
  /** Message names declared in the file, by bpmn:Message id. */
  readonly messages: ReadonlyMap<string, { readonly name: string; readonly correlationKey?: FeelSource }>;
}
