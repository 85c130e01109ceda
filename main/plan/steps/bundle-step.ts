import { promises as fs } from 'node:fs'
import { join, relative } from 'node:path'
import { outcome, type SetupState } from '../setup-types'
import { readIfThere } from './key-type'
import { planCa, planRegistries } from './trust-step'

/** Every file under a folder, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[] | undefined> {
  try {
    const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true })
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)))
      .sort()
  } catch {
    return undefined
  }
}

/** True when the folder holds exactly these files with exactly this content. */
async function sameFiles(dir: string, files: { path: string; content: string }[]): Promise<boolean> {
  const there = await filesUnder(dir)
  if (
    there === undefined ||
    there.join('\n') !==
      files
        .map((f) => f.path)
        .sort()
        .join('\n')
  )
    return false
  for (const f of files) if ((await readIfThere(join(dir, f.path), 'bundle.out')) !== f.content) return false
  return true
}

/**
 * The trust bundle for the other machines (registry-trust-HOST_PORT/ in bundle.out). Kept when the folder
 * there is identical, file by file, to the one this plan makes (and the archive, when planned, is there); otherwise
 * written afresh (the old folder replaced).
 */
export async function bundleStep(s: SetupState, signal: AbortSignal): Promise<void> {
  const bundle = s.input.bundle
  if (bundle === undefined) {
    outcome(s, 'bundle', 'skipped')
    return
  }
  // Loaded here, not with setup (the bundle's Kubernetes manifests bring kubernetes-models and its validators,
  // ~110 ms): on a first run this step runs while the engine starts the container, so the load waits on nothing.
  const [{ buildBundleFiles, bundleFolderName }, { exportBundle }] = await Promise.all([
    import('../../bundle/bundle-files'),
    import('../../bundle/export-bundle'),
  ])
  const registries = planRegistries(s)
  const dir = join(bundle.out, bundleFolderName(registries))
  const ca = planCa(s)
  if (ca === undefined) {
    outcome(s, 'bundle', 'wouldCreate', { dir })
    return
  }
  const existed = (await filesUnder(dir)) !== undefined
  const archive = bundle.archive === undefined ? undefined : `${dir}.${bundle.archive}`
  const archiveThere =
    archive === undefined ||
    (await fs.stat(archive).then(
      () => true,
      () => false,
    ))
  // Built for the comparison only when there is a folder to compare with (the export builds its own).
  if (existed && archiveThere && (await sameFiles(dir, buildBundleFiles(ca, registries)))) {
    outcome(s, 'bundle', 'kept', { dir })
    return
  }
  if (s.dryRun) {
    outcome(s, 'bundle', existed ? 'wouldChange' : 'wouldCreate', { dir })
    return
  }
  await exportBundle({
    ca,
    registries,
    outDir: bundle.out,
    archive: bundle.archive,
    force: true,
    field: 'bundle.out',
    signal,
  })
  outcome(s, 'bundle', existed ? 'changed' : 'created', { dir })
}
