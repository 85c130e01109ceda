import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { parseArchiveFormat } from '../../bundle/archive'
import { exportBundle } from '../../bundle/export-bundle'
import { copyBundleToMount, describeReadBack, verifyFailedError } from '../../drives/copy-bundle'
import { listRemovableDrives } from '../../drives/list-drives'
import { invalidInput } from '../../errors'
import { parseTrustCa } from '../../trust/ca-certificate'
import { parseRegistryAddresses } from '../../trust/registry-address'
import { collect, printJson, readInputFile, type CommandContext } from '../context'

interface ExportOpts {
  ca: string
  registry?: string[]
  out?: string
  drive?: string
  archive?: string
  force?: boolean
  json?: boolean
}

async function exportCommand(ctx: CommandContext, o: ExportOpts): Promise<void> {
  const ca = parseTrustCa(await readInputFile(ctx, o.ca, '--ca'), {
    field: '--ca',
    sourcePath: ctx.path(o.ca),
  })
  const registries = parseRegistryAddresses(o.registry ?? [], '--registry', { requirePort: true })
  const archive = o.archive === undefined ? undefined : parseArchiveFormat(o.archive, '--archive')
  if ((o.out === undefined) === (o.drive === undefined)) {
    throw invalidInput(
      '--out',
      o.out ?? '',
      'give exactly one of --out DIR (a folder) or --drive MOUNT (a removable drive from `drives`)',
    )
  }
  if (o.out !== undefined) {
    const b = await exportBundle({
      ca,
      registries,
      outDir: ctx.path(o.out),
      archive,
      force: o.force,
      field: '--out',
    })
    if (o.json) printJson(ctx, { ...b, caNotes: ca.notes ?? [] })
    else {
      for (const n of ca.notes ?? []) ctx.io.stdout(`note: ${n}\n`)
      ctx.io.stdout(`Trust bundle written to ${b.dir}\n`)
      for (const f of b.files) ctx.io.stdout(`  ${f}\n`)
      if (b.archivePath) ctx.io.stdout(`Archive: ${b.archivePath}\n`)
      ctx.io.stdout(`CA SHA-256 fingerprint (tell recipients to compare it): ${b.fingerprintSha256}\n`)
    }
    return
  }
  const given = o.drive ?? ''
  if (given.split(/[\\/]/).includes('..')) {
    throw invalidInput(
      '--drive',
      given,
      'give the mount point itself, without ".." (see `drives`)',
      'DRIVE_PATH_INVALID',
    )
  }
  const drives = await (ctx.io.drives?.list ?? listRemovableDrives)()
  const mount = drives.find((d) => resolve(d.mount) === resolve(ctx.path(given)))?.mount
  if (mount === undefined) {
    throw invalidInput(
      '--drive',
      o.drive,
      `it is not a mounted removable drive; allowed: ${drives.map((d) => d.mount).join(', ') || 'none is mounted'} (use --out for a folder)`,
    )
  }
  const staging = await fs.mkdtemp(join(tmpdir(), 'registry-wizard-bundle-'))
  try {
    const b = await exportBundle({ ca, registries, outDir: staging, archive })
    const copied = await copyBundleToMount(b.dir, mount, {
      force: o.force,
      afterWrite: ctx.io.drives?.afterWrite,
    })
    if (!copied.verified) {
      if (o.json) printJson(ctx, { ...copied, fingerprintSha256: b.fingerprintSha256 })
      throw verifyFailedError(copied)
    }
    if (b.archivePath)
      await fs.copyFile(
        b.archivePath,
        join(mount, `${copied.dest.split(/[\\/]/).pop() ?? 'bundle'}.${archive ?? ''}`),
      )
    if (o.json) printJson(ctx, { ...copied, fingerprintSha256: b.fingerprintSha256 })
    else {
      ctx.io.stdout(
        `Trust bundle written to ${copied.dest} and verified byte for byte (${copied.files.length} files, ${describeReadBack(copied)}).\n`,
      )
      ctx.io.stdout(`CA SHA-256 fingerprint (tell recipients to compare it): ${b.fingerprintSha256}\n`)
    }
  } finally {
    await fs.rm(staging, { recursive: true, force: true })
  }
}

export function registerBundleCommands(program: Command, ctx: CommandContext): void {
  const bundle = program
    .command('bundle')
    .description('The trust bundle for other machines (USB stick, fleets)')
  bundle
    .command('export')
    .description(
      'Write registry-trust-HOST_PORT/: ca.crt, fingerprint, install.sh / .ps1 / -macos.sh, Ansible, README, SHA256SUMS',
    )
    .requiredOption('--ca <file>', 'the CA certificate (ca.crt); a file holding a private key is refused')
    .option(
      '--registry <host:port>',
      'registry address as in image references, with its port (repeat for IP and DNS name)',
      collect,
    )
    .option('--out <dir>', 'folder to create the bundle folder in')
    .option('--drive <mount>', 'a removable drive (see `drives`): written, synced and verified')
    .option('--archive <format>', 'also pack it: zip or tar.gz')
    .option('--force', 'replace an existing bundle of the same name')
    .option('--json', 'print the result as JSON')
    .action((o: ExportOpts) => exportCommand(ctx, o))
}
