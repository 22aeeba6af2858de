import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import './bpmn-designer.css';
import lintModule from 'bpmn-js-bpmnlint';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import Modeler from 'bpmn-js/lib/Modeler';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import cmModdle from '../../../../platform/src/engine/parse/cm-moddle.json';
import type { CompiledLintConfig } from './browser-lint-config';
import type { CmPanelContext } from './cm-model';
import { CmPropertiesProvider } from './cm-properties-provider';
import { contextPadMenusModule } from './context-pad-menus';
import { clearIssues, showIssues, type CanvasIssue } from './issue-overlays';
import { zhTranslateModule } from './zh-translate';

/** What the page can do with the modeler. */
export interface BpmnEditorHandle {
  /** The diagram as BPMN XML (formatted). */
  getXml(): Promise<string>;
  /** Selects an element and scrolls it into view (from the issue list). */
  select(elementId: string): void;
  /** Pins server issues on their elements, replacing the previous ones. */
  showIssues(issues: readonly CanvasIssue[], testId: string): void;
  clearIssues(): void;
  /** The process id and name as drawn (the key a draft is saved under). */
  processInfo(): { id: string | null; name: string | null };
  /** The name of an element, for lists that mention it by id. */
  elementName(elementId: string): string | null;
}

interface Props {
  xml: string;
  ctx: CmPanelContext;
  lint: CompiledLintConfig;
  locale: 'zh-CN' | 'en';
  /** Called with true at the first edit after loading. */
  onChange(): void;
  onError(err: unknown): void;
  ref?: Ref<BpmnEditorHandle>;
}

const cmModule = { __init__: ['cmPropertiesProvider'], cmPropertiesProvider: ['type', CmPropertiesProvider] };

/**
 * bpmn-js Modeler with the standard properties panel, our "审管联动" group
 * (cm-properties-provider.ts) and live bpmnlint with the server's rules.
 * The modeler is built once per XML given (a new XML — after discarding a
 * draft — builds a fresh one, so undo never crosses documents).
 */
export function BpmnEditor({ xml, ctx, lint, locale, onChange, onError, ref }: Props) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  const marked = useRef<string[]>([]);
  const callbacks = useRef({ onChange, onError });
  callbacks.current = { onChange, onError };

  useEffect(() => {
    const modeler = new Modeler({
      container: canvasRef.current!,
      propertiesPanel: { parent: panelRef.current! },
      additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, cmModule, lintModule, zhTranslateModule, contextPadMenusModule],
      moddleExtensions: { cm: cmModdle },
      linting: { bpmnlint: lint, active: true },
      cm: ctx,
    } as ConstructorParameters<typeof Modeler>[0]);
    modelerRef.current = modeler;
    marked.current = [];
    let alive = true;
    modeler.on('commandStack.changed', (event: { trigger?: string }) => {
      if (event.trigger !== 'clear') callbacks.current.onChange();
    });
    modeler.importXML(xml).then(
      () => {
        if (alive) modeler.get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
      },
      (err: unknown) => alive && callbacks.current.onError(err),
    );
    return () => {
      alive = false;
      modeler.destroy();
      modelerRef.current = null;
    };
    // ctx and lint are fixed for the page's life (ctx reads the language through a getter).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [xml]);

  // A language switch re-renders the properties panel and the lint button in the new language (the palette follows on the next load).
  useEffect(() => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    modeler.get<{ fire(event: string): void }>('eventBus').fire('propertiesPanel.providersChanged');
    void modeler.get<{ update(): Promise<void> | void }>('linting').update();
  }, [locale]);

  useImperativeHandle(
    ref,
    () => ({
      async getXml() {
        const { xml: out } = await modelerRef.current!.saveXML({ format: true });
        return out ?? '';
      },
      select(elementId) {
        const modeler = modelerRef.current;
        if (!modeler) return;
        const element = modeler.get<{ get(id: string): unknown }>('elementRegistry').get(elementId);
        if (!element) return;
        modeler.get<{ scrollToElement(e: unknown): void }>('canvas').scrollToElement(element);
        modeler.get<{ select(e: unknown): void }>('selection').select(element);
      },
      showIssues(issues, testId) {
        const modeler = modelerRef.current;
        if (!modeler) return;
        clearIssues(modeler, marked.current);
        marked.current = showIssues(modeler, issues, testId);
      },
      clearIssues() {
        if (modelerRef.current) clearIssues(modelerRef.current, marked.current);
        marked.current = [];
      },
      elementName(elementId) {
        const element = modelerRef.current?.get<{ get(id: string): { businessObject?: { name?: string } } | undefined }>('elementRegistry').get(elementId);
        return element?.businessObject?.name ?? null;
      },
      processInfo() {
        const definitions = modelerRef.current?.getDefinitions() as { rootElements?: { $type: string; id?: string; name?: string; isExecutable?: boolean }[] } | undefined;
        const process = definitions?.rootElements?.find((r) => r.$type === 'bpmn:Process' && r.isExecutable !== false);
        return { id: process?.id ?? null, name: process?.name ?? null };
      },
    }),
    [],
  );

  return (
    <div className="cm-editor" data-testid="bpmn-editor">
      <div className="cm-editor-canvas" ref={canvasRef} data-testid="bpmn-canvas" />
      <div className="cm-editor-panel" ref={panelRef} data-testid="properties-panel" />
    </div>
  );
}
