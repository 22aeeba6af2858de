import type { EntityManager } from '@mikro-orm/postgresql';
import type { ValidateFunction } from 'ajv';
import type { AuditActor } from '../../domain/audit/audit-log';
import { createAjv } from '../../forms/ajv-factory';
import { ProcessExecutionError } from '../runtime/engine-errors';

/** What an action may see and do while a service or send task runs, inside the command's transaction. */
export interface ActionContext {
  em: EntityManager;
  tenantId: string;
  caseId: string;
  elementId: string;
  legalBasis?: string;
  now: Date;
  actor: AuditActor;
  /** The task's cm:ioMapping inputs, validated against the action's input schema. */
  inputs: Record<string, unknown>;
  /** Every variable visible to the task (read-only). */
  variables: Readonly<Record<string, unknown>>;
  /** Add an entry to the command's audit batch. */
  record(action: string, payload: Record<string, unknown>): void;
  /** Start a case of another procedure, linked to this one (the push of 第二十条-style regulations). */
  startLinkedCase(input: { processKey: string; variables: Record<string, unknown>; businessKey?: string }): Promise<string>;
}

/**
 * A built-in service-task action. Its input schema is what the designer's
 * picker shows and what the registry validates before running it, so a
 * diagram cannot feed an action garbage.
 */
export interface ActionDefinition {
  name: string;
  /** zh-CN title for the designer. */
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  /** Merge the returned object into the case variables when the task names no cm:resultVariable (setVariables). */
  mergeResult?: boolean;
  run(ctx: ActionContext): Promise<unknown>;
}

/**
 * The actions a diagram may name in cm:action. An unknown name is refused at
 * publish time (lint action-exists); this registry is where lint gets the list.
 */
export class ActionRegistry {
  private readonly actions = new Map<string, { def: ActionDefinition; validate: ValidateFunction }>();
  private readonly ajv = createAjv();

  constructor(definitions: ActionDefinition[] = []) {
    for (const d of definitions) this.register(d);
  }

  register(def: ActionDefinition): void {
    if (this.actions.has(def.name)) throw new Error(`action ${def.name} registered twice`);
    this.actions.set(def.name, { def, validate: this.ajv.compile(def.inputSchema) });
  }

  names(): string[] {
    return [...this.actions.keys()].sort();
  }

  /** Name, title, description and input schema of every action, for the designer's picker. */
  describe(): Omit<ActionDefinition, 'run'>[] {
    return this.names().map((n) => {
      const { run: _run, ...rest } = this.actions.get(n)!.def;
      return rest;
    });
  }

  mergesResult(name: string): boolean {
    return this.actions.get(name)?.def.mergeResult === true;
  }

  async run(name: string, ctx: ActionContext): Promise<unknown> {
    const entry = this.actions.get(name);
    if (!entry) throw new ProcessExecutionError(ctx.elementId, `unknown action "${name}"`);
    if (!entry.validate(ctx.inputs)) {
      const why = (entry.validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      throw new ProcessExecutionError(ctx.elementId, `inputs of action "${name}" are invalid: ${why}`);
    }
    return entry.def.run(ctx);
  }
}
