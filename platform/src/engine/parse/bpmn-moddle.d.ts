/**
 * The slice of bpmn-moddle 10 that the parser uses. The package ships types
 * for BPMN elements (bpmn-moddle/types) but none for its entry point, and our
 * compiler reads the tree through the loose `BpmnNode` shape anyway, because
 * cm: extension attributes are not in the generated element types.
 */
declare module 'bpmn-moddle' {
  /** One problem moddle tolerated while reading (unknown attribute, unresolved reference, ...). */
  export interface ModdleWarning {
    readonly message: string;
    readonly element?: unknown;
    readonly property?: unknown;
    readonly value?: unknown;
    readonly error?: unknown;
  }

  export interface FromXmlResult {
    readonly rootElement: unknown;
    readonly references: readonly unknown[];
    readonly warnings: readonly ModdleWarning[];
    readonly elementsById: Readonly<Record<string, unknown>>;
  }

  /** A moddle package description, e.g. the contents of cm-moddle.json. */
  export type ModdlePackage = Readonly<Record<string, unknown>>;

  export class BpmnModdle {
    constructor(packages?: Readonly<Record<string, ModdlePackage>>, options?: Readonly<Record<string, unknown>>);
    /** Rejects with an Error carrying `warnings` when the document cannot be read as `typeName`. */
    fromXML(xml: string, typeName?: string, options?: Readonly<Record<string, unknown>>): Promise<FromXmlResult>;
    toXML(element: unknown, options?: Readonly<Record<string, unknown>>): Promise<{ xml: string }>;
  }
}
