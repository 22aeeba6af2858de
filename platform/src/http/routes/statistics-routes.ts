import type { AppDeps } from '../app-deps';
import type { RouteDef } from '../route-definition';

/** Stub: filled in by the statistics work. */
export function statisticsRoutes(_deps: AppDeps): RouteDef[] {
  return [];
}
