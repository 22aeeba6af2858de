import type { CompiledProcess, ElementDef } from '../model/compiled-model';
import type { CaseState, ScopeInstance, Token } from '../runtime/case-state';

/** Source element id → target element id; null (or a missing id that B lacks) means "no counterpart". */
export type ElementMapping = Readonly<Record<string, string | null>>;

/** One waiting position moved by a migration. */
export interface ElementMove {
  from: string;
  to: string;
}

/** What migrating one case would do: its rewritten state, or why it cannot be moved. */
export interface CaseMigrationPlan {
  migratable: boolean;
  /** Why not, one sentence per obstacle (zh-CN, shown to the admin); empty when migratable. */
  reasons: string[];
  /** Element moves of the waiting tokens, scopes and armed boundary events (identity moves omitted). */
  moves: ElementMove[];
  /** The case state on version B; only meaningful when migratable. */
  state: CaseState;
}

const label = (el: ElementDef | undefined, id: string) => (el?.name ? `「${el.name}」(${id})` : `「${id}」`);

/**
 * Where `sourceId` goes in B: the mapping's answer, else the same id when B
 * still has it. bpmn-js-differ's "unchanged id" proposal is exactly that
 * default, so a mapping only has to name the renamed and removed elements.
 */
export function mapElement(mapping: ElementMapping, sourceId: string, target: CompiledProcess): string | null {
  if (Object.prototype.hasOwnProperty.call(mapping, sourceId)) {
    const mapped = mapping[sourceId];
    return mapped && target.elements.has(mapped) ? mapped : null;
  }
  return target.elements.has(sourceId) ? sourceId : null;
}

/** Why a token waiting at `from` cannot wait at `to` instead; null when it can. */
function incompatibility(from: ElementDef, to: ElementDef): string | null {
  if (from.type !== to.type) return `类型不同（${from.type} → ${to.type}）`;
  if ((from.event?.kind ?? 'none') !== (to.event?.kind ?? 'none')) return `事件类型不同（${from.event?.kind} → ${to.event?.kind}）`;
  const message = (el: ElementDef) => el.event?.messageName ?? el.messageName;
  if (message(from) !== message(to)) return `等待的消息不同（${message(from)} → ${message(to)}）`;
  if (from.calledProcess !== to.calledProcess) return `调用的流程不同（${from.calledProcess} → ${to.calledProcess}）`;
  if (Boolean(from.multiInstance) !== Boolean(to.multiInstance) || from.multiInstance?.sequential !== to.multiInstance?.sequential) return '多实例设置不同';
  return null;
}

/**
 * Decide, without touching the database, whether a running case on version
 * A can continue on version B under `mapping`, and compute its state on B.
 *
 * Why a token must land on an element of the same kind: it is waiting for
 * something specific (a task row, a timer job, a message subscription, a
 * child case), and that wait must still mean something in B. Scopes
 * (subprocess and multi-instance runs) move with their elements, and a
 * token must stay inside the scope it lives in. A join's arrival flow must
 * still lead into the joining gateway, or the join could never fire.
 * Anything else is reported as a reason and the case stays on A untouched.
 */
export function planCaseMigration(source: CompiledProcess, target: CompiledProcess, state: CaseState, mapping: ElementMapping): CaseMigrationPlan {
  const reasons: string[] = [];
  const moves = new Map<string, string>();
  const move = (from: string): string | null => {
    const to = mapElement(mapping, from, target);
    if (to && to !== from) moves.set(from, to);
    return to;
  };

  const scopeTargets = new Map<string, string>();
  const scopes: ScopeInstance[] = state.scopes.map((scope) => {
    if (scope.kind === 'process') {
      scopeTargets.set(scope.id, target.key);
      return { ...scope, elementId: target.key };
    }
    const to = move(scope.elementId);
    const from = source.elements.get(scope.elementId);
    const toEl = to ? target.elements.get(to) : undefined;
    if (!to || !toEl) reasons.push(`子流程/多实例 ${label(from, scope.elementId)} 在新版本中没有对应环节`);
    else if (scope.kind === 'subProcess' && toEl.type !== 'subProcess') reasons.push(`${label(from, scope.elementId)} 映射到的 ${label(toEl, to)} 不是子流程`);
    else if ((scope.kind === 'miBody' || scope.kind === 'miInstance') && !toEl.multiInstance) reasons.push(`${label(from, scope.elementId)} 映射到的 ${label(toEl, to)} 不是多实例环节`);
    if (to) scopeTargets.set(scope.id, to);
    return { ...scope, elementId: to ?? scope.elementId };
  });
  // A multi-instance run's body scope is named after the activity, not the subprocess it may be inside.
  const expectedScopeOf = (scopeId: string): string | undefined => {
    const scope = state.scopes.find((s) => s.id === scopeId);
    if (!scope) return undefined;
    if (scope.kind === 'miBody' || scope.kind === 'miInstance') return scope.parentScopeId ? expectedScopeOf(scope.parentScopeId) : target.key;
    return scopeTargets.get(scopeId);
  };

  const tokens: Token[] = state.tokens.map((token) => {
    const from = source.elements.get(token.elementId);
    const to = move(token.elementId);
    const toEl = to ? target.elements.get(to) : undefined;
    if (!from) {
      reasons.push(`令牌停在 ${label(undefined, token.elementId)}，源版本中找不到该环节`);
      return token;
    }
    if (!to || !toEl) {
      reasons.push(`令牌停在 ${label(from, token.elementId)}，新版本中已删除且未映射`);
      return token;
    }
    const why = incompatibility(from, toEl);
    if (why) reasons.push(`${label(from, token.elementId)} → ${label(toEl, to)}：${why}`);
    const scopeElement = expectedScopeOf(token.scopeId);
    if (scopeElement && toEl.scopeId !== scopeElement) reasons.push(`${label(toEl, to)} 不在令牌所在的子流程 ${scopeElement} 中`);
    if (token.wait?.kind === 'join' && token.viaFlow) {
      const flow = target.flows.get(token.viaFlow);
      if (!flow || flow.targetId !== to) reasons.push(`汇聚网关 ${label(toEl, to)} 在新版本中没有到达连线 ${token.viaFlow}`);
    }
    const boundary = token.boundary?.map((armed) => {
      const armedFrom = source.elements.get(armed.elementId);
      const armedTo = move(armed.elementId);
      const armedToEl = armedTo ? target.elements.get(armedTo) : undefined;
      if (!armedTo || !armedToEl) {
        reasons.push(`${label(from, token.elementId)} 上已启动的 ${label(armedFrom, armed.elementId)} 在新版本中没有对应事件`);
        return armed;
      }
      const attachedOk = token.wait?.kind === 'eventGateway' ? toEl.outgoing.some((f) => target.flows.get(f)?.targetId === armedTo) : armedToEl.attachedTo === to;
      if (!attachedOk) reasons.push(`${label(armedToEl, armedTo)} 在新版本中不挂在 ${label(toEl, to)} 上`);
      if ((armedFrom?.event?.kind ?? 'none') !== (armedToEl.event?.kind ?? 'none')) reasons.push(`${label(armedFrom, armed.elementId)} → ${label(armedToEl, armedTo)}：事件类型不同`);
      return { ...armed, elementId: armedTo };
    });
    return { ...token, elementId: to, ...(boundary ? { boundary } : {}) };
  });

  return {
    migratable: reasons.length === 0,
    reasons: [...new Set(reasons)],
    moves: [...moves.entries()].map(([from, to]) => ({ from, to })),
    state: { ...state, tokens, scopes },
  };
}

/** Element types a running case can wait on or hold a scope at: the rows of a migration mapping. */
export const WAITABLE_TYPES: ReadonlySet<ElementDef['type']> = new Set([
  'userTask',
  'receiveTask',
  'serviceTask',
  'sendTask',
  'callActivity',
  'subProcess',
  'intermediateCatchEvent',
  'eventBasedGateway',
  'parallelGateway',
  'inclusiveGateway',
  'boundaryEvent',
]);
