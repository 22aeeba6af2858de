import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledDefinition, CompiledProcess, ElementDef, SequenceFlowDef } from '../../../../platform/src/engine/model/compiled-model';
import { parseAndCompile } from '../../../../platform/src/engine/parse/compile-definition';

/** tests/fixtures/bpmn, shared with the runtime tests. */
export const BPMN_FIXTURE_DIR = join(__dirname, '../../../fixtures/bpmn');

export function fixtureXml(name: string): string {
  return readFileSync(join(BPMN_FIXTURE_DIR, name), 'utf8');
}

export async function compileFixture(name: string): Promise<CompiledDefinition> {
  const { compiled, warnings } = await parseAndCompile(fixtureXml(name));
  if (warnings.length > 0) throw new Error(`fixture ${name} has moddle warnings: ${warnings.join(' | ')}`);
  return compiled;
}

export function processOf(definition: CompiledDefinition, key: string): CompiledProcess {
  const process = definition.processes.get(key);
  if (process === undefined) throw new Error(`no process ${key}`);
  return process;
}

export function elementOf(process: CompiledProcess, id: string): ElementDef {
  const element = process.elements.get(id);
  if (element === undefined) throw new Error(`no element ${id} in ${process.key}`);
  return element;
}

export function flowOf(process: CompiledProcess, id: string): SequenceFlowDef {
  const flow = process.flows.get(id);
  if (flow === undefined) throw new Error(`no flow ${id} in ${process.key}`);
  return flow;
}

/** A minimal BPMN file around a process body (process id "p"), for refusal tests. */
export function bpmnXml(processBody: string, rootElements = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xmlns:cm="http://shenguan.platform/schema/bpmn/cm/1.0"
                  id="Definitions_Test" targetNamespace="http://shenguan.platform/bpmn/tests">
  ${rootElements}
  <bpmn:process id="p" isExecutable="true">
    ${processBody}
  </bpmn:process>
</bpmn:definitions>`;
}
