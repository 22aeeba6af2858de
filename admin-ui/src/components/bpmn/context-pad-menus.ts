/**
 * bpmn-js 18.31 positions its "Change element" and "Align elements" popup
 * menus with ContextPad#getPad, which diagram-js 15 deprecated with a
 * console warning on every call (bpmn-io/diagram-js#888). This provider
 * re-registers those two entries, positioning the menu under the context pad
 * found from the click itself, so the designer's console stays clean. Same
 * menus, same options; only the way the position is found differs.
 */

interface PopupMenu {
  open(target: unknown, providerId: string, position: { x: number; y: number; cursor?: { x: number; y: number } }, options?: Record<string, unknown>): void;
}

type Entries = Record<string, { action?: { click?: (event: MouseEvent, target: unknown) => void } } & Record<string, unknown>>;

const Y_OFFSET = 5;

function positionBelowPad(event: MouseEvent): { x: number; y: number; cursor: { x: number; y: number } } {
  const pad = (event.target as Element | null)?.closest?.('.djs-context-pad');
  const rect = (pad ?? (event.target as Element)).getBoundingClientRect();
  return { x: rect.left, y: rect.bottom + Y_OFFSET, cursor: { x: event.clientX, y: event.clientY } };
}

class ContextPadMenus {
  static $inject = ['contextPad', 'popupMenu', 'translate'];

  constructor(
    contextPad: { registerProvider(priority: number, provider: unknown): void },
    private readonly popupMenu: PopupMenu,
    private readonly translate: (text: string) => string,
  ) {
    // Lower than bpmn-js's providers (1000 and 900), so their entries exist when these updaters run.
    contextPad.registerProvider(100, this);
  }

  getContextPadEntries() {
    return (entries: Entries): Entries => {
      if (entries.replace) {
        entries.replace = {
          ...entries.replace,
          action: {
            click: (event, element) =>
              this.popupMenu.open(element, 'bpmn-replace', positionBelowPad(event), {
                title: this.translate('Change element'),
                width: 'var(--bpmn-replace-popup-width, 300px)',
                search: true,
              }),
          },
        };
      }
      return entries;
    };
  }

  getMultiElementContextPadEntries() {
    return (entries: Entries): Entries => {
      if (entries['align-elements']) {
        entries['align-elements'] = {
          ...entries['align-elements'],
          action: { click: (event, elements) => this.popupMenu.open(elements, 'align-elements', positionBelowPad(event)) },
        };
      }
      return entries;
    };
  }
}

/** didi module: add it after the modeler's own modules. */
export const contextPadMenusModule = { __init__: ['cmContextPadMenus'], cmContextPadMenus: ['type', ContextPadMenus] };
