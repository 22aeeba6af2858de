import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadPackManifest } from '../pack/pack-manifest';

/** A pack on the server that a platform admin may create a county from: what pack.json says about itself, and how much it holds. */
export interface AvailablePack {
  /** The sub-folder's name: the only way a request names a pack, so no path ever comes from the browser. */
  dir: string;
  id: string;
  title: string;
  documentNumber: string;
  jurisdiction: { code: string; name: string };
  validity: { from?: string; to?: string };
  /** The county the pack describes; a request may give another code and name. */
  tenant: { code: string; name: string };
  procedures: number;
  scenarios: number;
}

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function countScenarios(packDir: string): Promise<number> {
  try {
    return (await readdir(path.join(packDir, 'scenarios'))).filter((f) => f.endsWith('.json')).length;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}

/**
 * The sub-folders of `packsDir` whose pack.json reads and validates, by
 * folder name. Only the manifest is checked here, so the list stays cheap to
 * show; creating a county loads and rehearses the whole pack. A missing
 * folder offers nothing, and hidden folders and broken manifests are left
 * out rather than failing the list (the CLI reports a broken pack in full).
 */
export async function listAvailablePacks(packsDir: string | undefined): Promise<AvailablePack[]> {
  if (!packsDir) return [];
  let names: string[];
  try {
    names = (await readdir(packsDir)).filter((n) => !n.startsWith('.')).sort();
  } catch (err) {
    if (['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return [];
    throw err;
  }
  const packs: AvailablePack[] = [];
  for (const dir of names) {
    const packDir = path.join(packsDir, dir);
    if (!(await isDirectory(packDir))) continue;
    const manifest = await loadPackManifest(packDir).catch(() => undefined);
    if (!manifest) continue;
    packs.push({
      dir,
      id: manifest.id,
      title: manifest.title,
      documentNumber: manifest.documentNumber,
      jurisdiction: manifest.jurisdiction,
      validity: manifest.validity,
      tenant: manifest.tenant,
      procedures: manifest.procedures?.length ?? 0,
      scenarios: await countScenarios(packDir),
    });
  }
  return packs;
}
