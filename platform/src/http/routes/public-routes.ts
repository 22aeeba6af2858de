import type { AppDeps } from '../app-deps';
import type { RouteDef } from '../route-definition';

/** Stub: filled in by the public work. */
export function publicRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
