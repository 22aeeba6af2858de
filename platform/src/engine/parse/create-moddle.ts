import { BpmnModdle } from 'bpmn-moddle';
import cmPackage from './cm-moddle.json';

/** Namespace URI of our BPMN extension (prefix `cm`); diagrams must declare it to use cm: attributes. */
export const CM_NAMESPACE_URI = 'http://shenguan.platform/schema/bpmn/cm/1.0';

/**
 * A BpmnModdle that knows the cm: extension (docs/bpmn-extensions.md).
 *
 * Why a factory and not a shared instance: a moddle caches element types as
 * it reads, so each caller (the parser, the admin export) builds its own and
 * no module-level state is shared between tenants or tests. Building one
 * takes a few milliseconds, which is nothing next to compiling once per
 * published version.
 */
export function createModdle(): BpmnModdle {
  return new BpmnModdle({ cm: cmPackage });
}
