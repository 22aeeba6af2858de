import type { Clock } from '../../clock';
import type { CalendarService } from '../calendar/calendar-service';

/** Push and claim statistics per department and period (stub: filled in by the statistics work). */
export class CircularStatistics {
  constructor(readonly deps: { clock: Clock; calendars: CalendarService }) {}
}
