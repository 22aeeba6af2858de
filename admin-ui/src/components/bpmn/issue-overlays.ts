/**
 * Server-side problems (a refused publish, a validation run) shown where
 * they are: a red marker on the element and an overlay carrying the
 * message, next to bpmn-js-bpmnlint's own live-lint badges. The overlay
 * text is set with textContent, never as HTML: messages quote user input.
 */

/** A problem to pin on the canvas. */
export interface CanvasIssue {
  elementId: string | null | undefined;
  message: string;
  severity: 'error' | 'warning';
}

interface Overlays {
  add(element: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}

interface Canvas {
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
}

interface ElementRegistry {
  get(id: string): unknown;
}

export interface DiagramServices {
  get<T>(name: string): T;
}

const OVERLAY_TYPE = 'cm-issue';
const MARKERS = ['cm-issue-error', 'cm-issue-warning'];

/** Removes what {@link showIssues} added. */
export function clearIssues(diagram: DiagramServices, shownOn: Iterable<string>): void {
  diagram.get<Overlays>('overlays').remove({ type: OVERLAY_TYPE });
  const canvas = diagram.get<Canvas>('canvas');
  for (const id of shownOn) for (const marker of MARKERS) canvas.removeMarker(id, marker);
}

/**
 * Pins each issue on its element (several issues on one element stack in
 * one overlay). Returns the ids it marked, for {@link clearIssues}. Issues
 * without a known element are left to the list beside the canvas.
 */
export function showIssues(diagram: DiagramServices, issues: readonly CanvasIssue[], testId: string): string[] {
  const registry = diagram.get<ElementRegistry>('elementRegistry');
  const overlays = diagram.get<Overlays>('overlays');
  const canvas = diagram.get<Canvas>('canvas');
  const byElement = new Map<string, CanvasIssue[]>();
  for (const issue of issues) {
    if (!issue.elementId || !registry.get(issue.elementId)) continue;
    byElement.set(issue.elementId, [...(byElement.get(issue.elementId) ?? []), issue]);
  }
  for (const [id, list] of byElement) {
    const worst = list.some((i) => i.severity === 'error') ? 'error' : 'warning';
    canvas.addMarker(id, `cm-issue-${worst}`);
    const box = document.createElement('div');
    box.className = `cm-issue-overlay cm-issue-overlay-${worst}`;
    for (const issue of list) {
      const line = document.createElement('div');
      line.setAttribute('data-testid', testId);
      line.setAttribute('data-element-id', id);
      line.textContent = issue.message;
      box.appendChild(line);
    }
    overlays.add(id, OVERLAY_TYPE, { position: { bottom: -4, left: 0 }, html: box });
  }
  return [...byElement.keys()];
}
