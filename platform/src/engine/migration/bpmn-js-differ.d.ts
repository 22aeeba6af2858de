declare module 'bpmn-js-differ' {
  interface DiffedElement {
    $type: string;
    id: string;
    name?: string;
  }
  /** The semantic difference of two bpmn-moddle definitions (old, new), keyed by element id. */
  export interface DiffResult {
    _changed: Record<string, { model: DiffedElement; attrs: Record<string, unknown> }>;
    _added: Record<string, DiffedElement>;
    _removed: Record<string, DiffedElement>;
    _layoutChanged: Record<string, DiffedElement>;
  }
  export function diff(a: object, b: object): DiffResult;
}
