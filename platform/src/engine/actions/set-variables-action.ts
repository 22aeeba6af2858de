import type { ActionDefinition } from './action-registry';

/** setVariables: write the task's input mappings into the case variables (e.g. mark a case overdue). */
export const setVariablesAction: ActionDefinition = {
  name: 'setVariables',
  title: '设置变量',
  description: 'Writes each input mapping into the case variables.',
  inputSchema: { type: 'object' },
  mergeResult: true,
  async run(ctx) {
    ctx.record('variables.set', { names: Object.keys(ctx.inputs) });
    return { ...ctx.inputs };
  },
};
