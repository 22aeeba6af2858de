import type { BpmnModdle, ModdleWarning } from 'bpmn-moddle';
import { createModdle } from './create-moddle';
import { DefinitionParseError } from './definition-errors';
import { isNode, type BpmnDefinitions, type BpmnNode } from './moddle-node';

export { DefinitionParseError, type DefinitionParseFailure } from './definition-errors';

/** Default upper bound on a BPMN file: large real diagrams are a few hundred kB. */
export const DEFAULT_MAX_BPMN_BYTES = 2 * 1024 * 1024;

const BPMN_MODEL_URI = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

export interface ParseBpmnOptions {
  /** Refuse documents larger than this many UTF-8 bytes (default 2 MB). */
  readonly maxBytes?: number;
  /** A moddle to read with; by default a fresh one from `createModdle()`. */
  readonly moddle?: BpmnModdle;
}

export interface ParsedBpmn {
  /** The moddle tree rooted at bpmn:definitions. */
  readonly definitions: BpmnDefinitions;
  /**
   * What moddle tolerated but the admin should see: unknown attributes or
   * elements (dropped), unresolved references, duplicate ids. One line each.
   */
  readonly warnings: readonly string[];
  /**
   * References inside a process that point to no element (moddle drops them
   * with a warning). Passed to `compileDefinition`, which refuses them: a
   * dropped errorRef would turn a catch into a catch-all, a dropped default
   * would remove a gateway's default flow.
   */
  readonly unresolvedReferences: readonly UnresolvedReference[];
}

/** A reference attribute whose target id is not in the file. */
export interface UnresolvedReference {
  /** Id of the nearest element with an id that holds the reference. */
  readonly elementId: string;
  /** The moddle property, e.g. "errorRef", "default", "sourceRef". */
  readonly property: string;
  /** The id it points to. */
  readonly reference: string;
}

/**
 * Reads an uploaded BPMN 2.0 file into a moddle tree, refusing what is unsafe
 * or not BPMN before any of it is used.
 *
 * Why the checks happen on the raw text: definitions come from admins and
 * later from other counties' packs, so a DOCTYPE (billion laughs, external
 * entities) is refused outright rather than trusted to the XML reader, and
 * the size limit is applied before parsing spends memory on the document.
 *
 * @throws DefinitionParseError `too-large`, `doctype`, `entity`, `not-bpmn`
 *   (root is not bpmn:definitions) or `malformed` (XML does not parse).
 */
export async function parseBpmn(xml: string, options: ParseBpmnOptions = {}): Promise<ParsedBpmn> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BPMN_BYTES;
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > maxBytes) {
    throw new DefinitionParseError('too-large', `The BPMN file is ${bytes} bytes; the limit is ${maxBytes} bytes.`);
  }
  if (/<!DOCTYPE/i.test(xml)) {
    throw new DefinitionParseError('doctype', 'The BPMN file contains a DOCTYPE declaration, which is not allowed (entity expansion and external entities are refused).');
  }
  if (/<!ENTITY/i.test(xml)) {
    throw new DefinitionParseError('entity', 'The BPMN file contains an ENTITY declaration, which is not allowed (entity expansion and external entities are refused).');
  }

  const moddle = options.moddle ?? createModdle();
  let result: Awaited<ReturnType<BpmnModdle['fromXML']>>;
  try {
    result = await moddle.fromXML(xml.replace(/^\uFEFF/, ''), 'bpmn:Definitions');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.startsWith('failed to parse document as')) throw notBpmn(xml, err);
    throw new DefinitionParseError('malformed', `The BPMN file is not well-formed XML: ${oneLine(message)}`, { cause: err });
  }
  const root = result.rootElement;
  if (!isNode(root) || root.$type !== 'bpmn:Definitions') throw notBpmn(xml, undefined);
  return {
    definitions: root as BpmnDefinitions,
    warnings: result.warnings.map(warningText),
    unresolvedReferences: result.warnings.flatMap(unresolvedInProcess),
  };
}

function unresolvedInProcess(warning: ModdleWarning): UnresolvedReference[] {
  if (!warning.message.startsWith('unresolved reference')) return [];
  if (!isNode(warning.element) || typeof warning.property !== 'string' || typeof warning.value !== 'string') return [];
  let elementId: string | undefined;
  for (let node: BpmnNode | undefined = warning.element; node !== undefined; node = node.$parent) {
    elementId ??= typeof node.id === 'string' ? node.id : undefined;
    if (node.$type === 'bpmn:Process' && elementId !== undefined) {
      return [{ elementId, property: warning.property.replace(/^bpmn:/, ''), reference: warning.value }];
    }
  }
  return [];
}

function notBpmn(xml: string, cause: unknown): DefinitionParseError {
  const found = rootTagName(xml);
  return new DefinitionParseError(
    'not-bpmn',
    `Not a BPMN 2.0 file: the root element must be <definitions> in namespace ${BPMN_MODEL_URI}` +
      (found === undefined ? '.' : `, found <${found}>.`),
    { cause },
  );
}

/** The first start tag's name, skipping the XML declaration, processing instructions and comments. */
function rootTagName(xml: string): string | undefined {
  const withoutProlog = xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '');
  return /<([A-Za-z_][\w.:-]*)/.exec(withoutProlog)?.[1];
}

function warningText(warning: ModdleWarning): string {
  return oneLine(typeof warning.message === 'string' ? warning.message : String(warning));
}

/** moddle formats locations over several tab-indented lines; one line reads better in a list. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, '; ');
}
