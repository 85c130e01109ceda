import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { makeTmpDir } from '../support/fs-snapshot'

/** @electron/fuses' marker in the Electron binary; the fuse wire follows: version byte, length byte, one byte per fuse. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** The fuse wire's order (@electron/fuses FuseV1Options). */
export const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const
/** The wire as a stock Electron ships it ('1' on, '0' off): run-as-node, NODE_OPTIONS and --inspect on, the rest off. */
const STOCK_WIRE = '10110001'

/** The fuses in a (packed) Electron binary: name -> on/off. */
export function readFuses(binary: string): Record<string, boolean> {
  const bytes = readFileSync(binary)
  const at = bytes.indexOf(FUSE_SENTINEL)
  if (at < 0) throw new Error(`${binary} has no fuse wire`)
  const wire = at + FUSE_SENTINEL.length
  const length = bytes[wire + 1] ?? 0
  const fuses: Record<string, boolean> = {}
  for (let i = 0; i < length; i++) fuses[FUSE_NAMES[i] ?? `fuse${i}`] = bytes[wire + 2 + i] === 0x31
  return fuses
}

export interface PackedApp {
  /** resources/app.asar */
  asar: string
  /** The app's executable (the stand-in runtime, with the fuses electron-builder flipped). */
  executable: string
}

/**
 * Runs the real electron-builder on this project (its electron-builder.yml, files patterns and dependency
 * collection) for a Linux `dir` target. The Electron runtime cannot be downloaded here, so a stand-in dist (one
 * executable named `electron`, holding a stock fuse wire for electron-builder to flip) takes its place via
 * `electronDist`; everything electron-builder packs into app.asar is what an installer would ship.
 */
export function packApp(): PackedApp {
  const dir = makeTmpDir('rw-pack-')
  const dist = join(dir, 'electron-dist')
  mkdirSync(join(dist, 'resources'), { recursive: true })
  writeFileSync(
    join(dist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in for the Electron runtime"\nexit 0\n# '),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, STOCK_WIRE.length]),
      Buffer.from(`${STOCK_WIRE}\n`),
    ]),
  )
  chmodSync(join(dist, 'electron'), 0o755)
  const out = join(dir, 'release')
  execFileSync(
    resolve('node_modules/.bin/electron-builder'),
    ['--linux', 'dir', `--config.electronDist=${dist}`, `--config.directories.output=${out}`, '--config.npmRebuild=false'],
    { stdio: 'pipe', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  )
  const unpacked = join(out, 'linux-unpacked')
  const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { name: string }
  return { asar: join(unpacked, 'resources', 'app.asar'), executable: join(unpacked, pkg.name) }
}

/** Packs the app (see packApp) and returns the path of app.asar. */
export function packAppAsar(): string {
  return packApp().asar
}

/** Size budget for app.asar (bytes): build output + production dependencies. */
export const ASAR_BUDGET_BYTES = 25 * 1024 * 1024
