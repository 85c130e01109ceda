import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { makeTmpDir } from '../support/fs-snapshot'

/**
 * Runs the real electron-builder on this project (its electron-builder.yml, files patterns and dependency
 * collection) for a Linux `dir` target. The Electron runtime cannot be downloaded here, so a stand-in dist (one
 * executable named `electron`) takes its place via `electronDist`; everything electron-builder packs into
 * app.asar is what an installer would ship. Returns the path of app.asar.
 */
export function packAppAsar(): string {
  const dir = makeTmpDir('rw-pack-')
  const dist = join(dir, 'electron-dist')
  mkdirSync(join(dist, 'resources'), { recursive: true })
  writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "stand-in for the Electron runtime"\n')
  chmodSync(join(dist, 'electron'), 0o755)
  const out = join(dir, 'release')
  execFileSync(
    resolve('node_modules/.bin/electron-builder'),
    ['--linux', 'dir', `--config.electronDist=${dist}`, `--config.directories.output=${out}`, '--config.npmRebuild=false'],
    { stdio: 'pipe', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  )
  return join(out, 'linux-unpacked', 'resources', 'app.asar')
}

/** Size budget for app.asar (bytes): build output + production dependencies. */
export const ASAR_BUDGET_BYTES = 25 * 1024 * 1024
