import type { ActionDefinition } from './action-registry';

/**
 * push: start one linked case of another procedure per target department,
 * the department's code in `departmentVariable` (default "targetDepartment").
 * This is how one side's decision lands in the other side's claim flow.
 */
export const pushAction: ActionDefinition = {
  name: 'push',
  title: '推送',
  description: 'Starts a linked case of `process` for each department in `departments`, with `variables`.',
  inputSchema: {
    type: 'object',
    required: ['process', 'departments'],
    properties: {
      process: { type: 'string', minLength: 1 },
      departments: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
      variables: { type: 'object' },
      departmentVariable: { type: 'string', minLength: 1 },
    },
  },
  async run(ctx) {
    const { process, departments, variables, departmentVariable } = ctx.inputs as { process: string; departments: string[]; variables?: Record<string, unknown>; departmentVariable?: string };
    const caseIds: string[] = [];
    for (const code of departments) {
      caseIds.push(await ctx.startLinkedCase({ processKey: process, variables: { ...(variables ?? {}), [departmentVariable ?? 'targetDepartment']: code } }));
    }
    ctx.record('case.pushed', { process, departments, caseIds });
    return caseIds;
  },
};
