import type { BehaviourResolver, ElementBehaviour } from '../runtime/execution';
import type { ElementType } from '../model/compiled-model';
import { boundaryEvent } from './boundary-event';
import { callActivity } from './call-activity';
import { endEvent } from './end-event';
import { eventBasedGateway } from './event-based-gateway';
import { exclusiveGateway } from './exclusive-gateway';
import { inclusiveGateway } from './inclusive-gateway';
import { intermediateCatchEvent } from './intermediate-catch-event';
import { intermediateThrowEvent } from './intermediate-throw-event';
import { parallelGateway } from './parallel-gateway';
import { receiveTask } from './receive-task';
import { serviceTask } from './service-task';
import { startEvent } from './start-event';
import { subProcess } from './sub-process';
import { userTask } from './user-task';

/** One behaviour per supported BPMN element type; anything else never passes publish-time lint. */
export const BEHAVIOURS: Readonly<Record<ElementType, ElementBehaviour>> = {
  startEvent,
  endEvent,
  userTask,
  serviceTask,
  sendTask: serviceTask,
  receiveTask,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway,
  intermediateCatchEvent,
  intermediateThrowEvent,
  boundaryEvent,
  subProcess,
  callActivity,
};

export const resolveBehaviour: BehaviourResolver = (el) => BEHAVIOURS[el.type];
