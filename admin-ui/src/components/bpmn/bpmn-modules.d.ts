/**
 * Type declarations for the bpmn.io packages that ship none. Only what the
 * designer uses is declared; the shapes follow the packages' READMEs.
 */

declare module 'bpmn-js-properties-panel' {
  /** A didi module definition ({ __init__, service: ['type', Ctor] }). */
  export const BpmnPropertiesPanelModule: Record<string, unknown>;
  export const BpmnPropertiesProviderModule: Record<string, unknown>;
  /** A diagram service, from inside a properties-panel (preact) component. */
  export function useService<T = any>(name: string, strict?: boolean): T;
}

declare module '@bpmn-io/properties-panel' {
  // Preact components; their props are documented in the package's sources.
  export const TextFieldEntry: any;
  export const SelectEntry: any;
  export const CheckboxEntry: any;
  export const ListGroup: any;
  export const Group: any;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isCheckboxEntryEdited(node: unknown): boolean;
}

declare module 'bpmn-js-bpmnlint' {
  /** The linting module (service "linting"). */
  const lintModule: Record<string, unknown>;
  export default lintModule;
}

declare module 'bpmn-js-differ' {
  /** A changed element and the attributes that changed. */
  export interface ChangedEntry {
    model: { $type: string; id: string; name?: string };
    attrs: Record<string, { oldValue: unknown; newValue: unknown }>;
  }
  export interface DiffResult {
    _changed: Record<string, ChangedEntry>;
    _added: Record<string, { $type: string; id: string; name?: string }>;
    _removed: Record<string, { $type: string; id: string; name?: string }>;
    _layoutChanged: Record<string, { $type: string; id: string; name?: string }>;
  }
  /** Semantic diff of two bpmn-moddle definitions (old, new). */
  export function diff(oldDefinitions: unknown, newDefinitions: unknown): DiffResult;
}

declare module 'bpmnlint/config/recommended' {
  const config: { rules: Record<string, string> };
  export = config;
}
