import type { CompiledDefinition, CompiledProcess, FeelSource } from '../model/compiled-model';
import type { MessageCatalog } from './compile-event';
import { compileProcess } from './compile-process';
import { compact, deepFreeze, identifier, optionalFeel } from './compile-values';
import { DefinitionCompileError } from './definition-errors';
import { children, flag, text, type BpmnDefinitions } from './moddle-node';
import { parseBpmn, type ParseBpmnOptions, type UnresolvedReference } from './parse-bpmn';

export { DefinitionCompileError } from './definition-errors';

export interface CompileOptions {
  /** From `parseBpmn`: references moddle could not resolve; any inside a process is refused. */
  readonly unresolvedReferences?: readonly UnresolvedReference[];
}

/**
 * Turns a parsed BPMN file into the immutable model the runtime executes
 * (engine/model/compiled-model.ts). Called once per published version, so
 * the runtime never walks moddle trees or re-reads attributes; everything
 * that could be wrong in the diagram is found here, at publish time.
 *
 * Every executable bpmn:process is compiled (a file may hold a called
 * process next to its caller); processes marked isExecutable="false"
 * (documentation pools) are skipped. Collaborations, lanes, data objects,
 * artifacts and diagram layout are ignored.
 *
 * @throws DefinitionCompileError naming the element and saying why, for an
 *   unsupported element or event, a missing or invalid attribute, FEEL that
 *   does not parse, a broken structure, or an unresolved reference.
 */
export function compileDefinition(definitions: BpmnDefinitions, options: CompileOptions = {}): CompiledDefinition {
  const unresolved = options.unresolvedReferences?.[0];
  if (unresolved !== undefined) {
    throw new DefinitionCompileError(unresolved.elementId, `its ${unresolved.property} points to "${unresolved.reference}", which is not in the file.`);
  }
  const roots = children(definitions, 'rootElements');
  const messages = compileMessages(roots.filter((node) => node.$type === 'bpmn:Message'));
  const processes = new Map<string, CompiledProcess>();
  for (const node of roots) {
    if (node.$type !== 'bpmn:Process' || flag(node, 'isExecutable') === false) continue;
    const process = compileProcess(node, messages);
    processes.set(process.key, process);
  }
  if (processes.size === 0) {
    throw new DefinitionCompileError(identifier(definitions.id) ?? '(definitions)', 'contains no executable bpmn:process.');
  }
  return Object.freeze({ processes, messages });
}

/**
 * Compiles the text of a BPMN file in one step: the publish path and the
 * definition cache both want exactly this.
 * @throws DefinitionParseError when the file is refused before compiling (unsafe, too large, not BPMN, malformed).
 * @throws DefinitionCompileError when it parses but cannot be compiled.
 */
export async function parseAndCompile(
  xml: string,
  options?: ParseBpmnOptions,
): Promise<{ readonly compiled: CompiledDefinition; readonly warnings: readonly string[] }> {
  const parsed = await parseBpmn(xml, options);
  const compiled = compileDefinition(parsed.definitions, { unresolvedReferences: parsed.unresolvedReferences });
  return { compiled, warnings: parsed.warnings };
}

type CompiledMessage = { readonly name: string; readonly correlationKey?: FeelSource };

function compileMessages(nodes: ReturnType<typeof children>): MessageCatalog {
  const messages = new Map<string, CompiledMessage>();
  const byName = new Map<string, string>();
  for (const node of nodes) {
    const id = identifier(node.id);
    if (id === undefined) throw new DefinitionCompileError('(bpmn:message)', 'a bpmn:message has no id.');
    const name = identifier(text(node, 'name'));
    if (name === undefined) throw new DefinitionCompileError(id, 'is a bpmn:message without a name; the name is what senders and catchers agree on.');
    const other = byName.get(name);
    if (other !== undefined) throw new DefinitionCompileError(id, `has the name "${name}", which message "${other}" already uses.`);
    byName.set(name, id);
    const correlationKey = optionalFeel(text(node, 'correlationKey'), { elementId: id, attribute: 'cm:correlationKey' });
    messages.set(id, deepFreeze(compact({ name, correlationKey })));
  }
  return messages;
}
