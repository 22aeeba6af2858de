import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Ajv } from '../../forms/ajv-factory';
import { parseScenario } from './scenario-runner';
import type { Scenario } from './scenario-schema';

/**
 * Every scenario file of a pack folder (`scenarios/*.json`, by name),
 * checked against the scenario format. A pack without a scenarios folder
 * has none; a malformed file throws naming it.
 */
export async function readPackScenarios(packDir: string, ajv: Ajv): Promise<{ file: string; scenario: Scenario }[]> {
  const dir = path.join(packDir, 'scenarios');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return Promise.all(names.map(async (file) => ({ file, scenario: parseScenario(JSON.parse(await readFile(path.join(dir, file), 'utf8')), ajv, file) })));
}
