import type { ActionDefinition } from './action-registry';
import { generateReportAction } from './generate-report-action';
import { createNotifyAction, type NotificationChannel } from './notify-action';
import { pushAction } from './push-action';
import { recordCreditAction } from './record-credit-action';
import { setVariablesAction } from './set-variables-action';

/** The actions every installation has; channels extend `notify` (e.g. SMS). */
export function builtinActions(channels: NotificationChannel[] = []): ActionDefinition[] {
  return [pushAction, createNotifyAction(channels), setVariablesAction, recordCreditAction, generateReportAction];
}
