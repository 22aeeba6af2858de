/**
 * The execution state of a case, stored as jsonb on the case row. Plain
 * data (no classes), so it survives serialisation, can be inspected in SQL,
 * and a command is "load state → run behaviours → save state".
 */

/** What a waiting token waits for. `ref` identifies the row or key that will wake it. */
export type Wait =
  | { kind: 'task'; ref: string }
  | { kind: 'timer'; ref: string }
  | { kind: 'message'; ref: string }
  | { kind: 'call'; ref: string }
  | { kind: 'join' }
  | { kind: 'eventGateway' }
  | { kind: 'subProcess'; ref: string }
  | { kind: 'multiInstance'; ref: string }
  | { kind: 'retry'; ref: string };

/**
 * A token: a position in the diagram. `ready` tokens are run by the current
 * command until each one waits or is consumed; only `waiting` tokens are ever
 * stored.
 */
export interface Token {
  id: string;
  elementId: string;
  /** The scope instance the token lives in. */
  scopeId: string;
  status: 'ready' | 'waiting';
  wait?: Wait;
  /** The sequence flow the token arrived by (joins count these). */
  viaFlow?: string;
  /** Set on the tokens that execute one instance of a multi-instance activity. */
  instanceOf?: string;
  /** Boundary-event helpers created for this activity token (timers, subscriptions) to cancel when it leaves. */
  boundary?: { elementId: string; ref: string; kind: 'timer' | 'message' }[];
}

/**
 * A scope instance: the process itself, one run of an embedded subprocess,
 * or one instance of a multi-instance activity. Local variables live here
 * (the multi-instance element variable and loop counter); everything else is
 * in the case variables.
 */
export interface ScopeInstance {
  id: string;
  /** The process key, or the subProcess / multi-instance activity element id. */
  elementId: string;
  kind: 'process' | 'subProcess' | 'miBody' | 'miInstance';
  parentScopeId?: string;
  /** The token in the parent scope that this scope belongs to (it waits meanwhile). */
  ownerTokenId?: string;
  variables: Record<string, unknown>;
  /** Multi-instance body bookkeeping. */
  mi?: {
    items: unknown[];
    total: number;
    started: number;
    completed: number;
    sequential: boolean;
  };
}

export interface CaseState {
  tokens: Token[];
  scopes: ScopeInstance[];
  /** Monotonic counter for readable, unique token/scope ids within the case. */
  seq: number;
}

export const PROCESS_SCOPE_ID = 's0';
