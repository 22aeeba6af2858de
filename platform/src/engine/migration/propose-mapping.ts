import { diff } from 'bpmn-js-differ';
import type { CompiledProcess } from '../model/compiled-model';
import { parseBpmn } from '../parse/parse-bpmn';
import { WAITABLE_TYPES, type ElementMapping } from './plan-case-migration';

/** A row of the mapping editor: an element a running case may be waiting at. */
export interface MappableElement {
  id: string;
  name: string | null;
  type: string;
}

/** The automatic proposal for moving running cases from A to B, with what changed between them. */
export interface MappingProposal {
  source: MappableElement[];
  target: MappableElement[];
  mapping: Record<string, string | null>;
  diff: { added: string[]; removed: string[]; changed: string[] };
}

const mappable = (process: CompiledProcess): MappableElement[] =>
  [...process.elements.values()].filter((el) => WAITABLE_TYPES.has(el.type)).map((el) => ({ id: el.id, name: el.name ?? null, type: el.type }));

/**
 * Propose an element mapping from version A to version B of a procedure.
 *
 * Why bpmn-js-differ: it is the bpmn-io diff the designer's visual diff
 * already shows, so the admin sees the same "added / removed / changed"
 * verdicts in both places. An element whose id survives into B (changed or
 * not) maps to itself; a removed one maps to nothing until the admin picks
 * its counterpart (a renamed task is a removal plus an addition to the
 * differ, and only a person can say they are the same step).
 */
export async function proposeMapping(sourceXml: string, targetXml: string, source: CompiledProcess, target: CompiledProcess): Promise<MappingProposal> {
  const [a, b] = await Promise.all([parseBpmn(sourceXml), parseBpmn(targetXml)]);
  const result = diff(a.definitions, b.definitions);
  const sourceRows = mappable(source);
  const targetRows = mappable(target);
  const mapping: ElementMapping = Object.fromEntries(sourceRows.map((row) => [row.id, !(row.id in result._removed) && target.elements.has(row.id) ? row.id : null]));
  const inProcess = (ids: string[], process: CompiledProcess) => ids.filter((id) => process.elements.has(id)).sort();
  return {
    source: sourceRows,
    target: targetRows,
    mapping: { ...mapping },
    diff: {
      added: inProcess(Object.keys(result._added), target),
      removed: inProcess(Object.keys(result._removed), source),
      changed: inProcess(Object.keys(result._changed), target),
    },
  };
}
