import type { AppDeps } from '../app-deps';
import type { RouteDef } from '../route-definition';

/** Stub: filled in by the attachment work. */
export function attachmentRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
