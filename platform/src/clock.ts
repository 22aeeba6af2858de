/**
 * The source of "now". Engine, calendar, scheduler and auth take a Clock so
 * tests can move time (days forward, past a deadline) without sleeping, and
 * so no business rule ever reads the wall clock behind the caller's back.
 */
export interface Clock {
  now(): Date;
}

/** The wall clock, used by the composition root in production. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that only moves when told to. Explicit and opt-in: the composition
 * root takes it as a dependency, production code never constructs one.
 */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
