import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CalendarDataError, parseCalendarData, type CalendarData } from '../../calendar';
import type { Ajv } from '../../forms/ajv-factory';
import { loadPackManifest, PackInvalidError, type PackManifest } from './pack-manifest';

/** A pack folder read and validated: the manifest plus the documents it points to. */
export interface LoadedPack {
  manifest: PackManifest;
  /** Calendars by their `id`; the manifest's default calendar first. */
  calendars: CalendarData[];
}

/**
 * Read a pack folder and validate everything in it before anything is
 * written, so a broken pack fails with every problem listed and no half-made
 * tenant. Later issues add processes and forms here.
 */
export async function loadPack(packDir: string, ajv?: Ajv): Promise<LoadedPack> {
  const manifest = await loadPackManifest(packDir);
  const calendars: CalendarData[] = [];
  if (manifest.defaultCalendar) {
    const file = path.join(packDir, manifest.defaultCalendar);
    try {
      calendars.push(parseCalendarData(JSON.parse(await readFile(file, 'utf8')), ajv));
    } catch (err) {
      const reason = err instanceof CalendarDataError ? err.message : `cannot read calendar: ${(err as Error).message}`;
      throw new PackInvalidError(packDir, [`${manifest.defaultCalendar}: ${reason}`]);
    }
  }
  return { manifest, calendars };
}
