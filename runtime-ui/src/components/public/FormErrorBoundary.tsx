import { Component, type ReactNode } from 'react';

/**
 * Keeps a crash of the generated form (a schema the browser cannot compile,
 * a widget that throws) inside the form's tab, so the rest of the public
 * page — the status lookup above all — keeps working. React offers error
 * boundaries only as class components, hence the one class here.
 */
export class FormErrorBoundary extends Component<{ fallback(error: unknown): ReactNode; children: ReactNode }, { error: unknown }> {
  state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  render() {
    return this.state.error === undefined ? this.props.children : this.props.fallback(this.state.error);
  }
}
