import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { parseArchiveFormat, type ArchiveFormat } from '../../bundle/archive'
import { exportBundle, type ExportedBundle } from '../../bundle/export-bundle'
import { copyBundleToMount, describeReadBack, verifyFailedError } from '../../drives/copy-bundle'
import { listRemovableDrives } from '../../drives/list-drives'
import { AppError, invalidInput } from '../../errors'
import { message } from '../../messages/index'
import { parseTrustCa } from '../../trust/ca-certificate'
import { parseMirrorAndRegistries } from '../../trust/registry-address'
import type { RegistryAddress, TrustCa } from '../../trust/types'
import { collect, printJson, readInputFile, type CommandContext } from '../context'

interface ExportOpts {
  ca: string
  previousCa?: string
  registry?: string[]
  mirror?: string
  out?: string
  drive?: string
  archive?: string
  force?: boolean
  json?: boolean
}

/** What one export needs, checked before anything is written. */
interface ExportInput {
  ca: TrustCa
  previousCa: TrustCa | undefined
  registries: RegistryAddress[]
  mirror: RegistryAddress | undefined
  archive: ArchiveFormat | undefined
}

async function exportInput(ctx: CommandContext, o: ExportOpts): Promise<ExportInput> {
  const ca = parseTrustCa(await readInputFile(ctx, o.ca, 'ca'), { field: 'ca', sourcePath: ctx.path(o.ca) })
  const previousCa = await previousCaOf(ctx, o, ca)
  const { registries, mirror } = parseMirrorAndRegistries(o.registry ?? [], o.mirror)
  const archive = o.archive === undefined ? undefined : parseArchiveFormat(o.archive, 'archive')
  if ((o.out === undefined) === (o.drive === undefined))
    throw invalidInput('out', o.out ?? '', message('cli.trust.bundle.outOrDrive'))
  return { ca, previousCa, registries, mirror, archive }
}

/** `--previous-ca`: the CA a renewal replaced, carried beside the new one for the overlap (main/lifecycle/renew-ca). */
async function previousCaOf(ctx: CommandContext, o: ExportOpts, ca: TrustCa): Promise<TrustCa | undefined> {
  if (o.previousCa === undefined) return undefined
  const text = await readInputFile(ctx, o.previousCa, 'previousCa')
  const previous = parseTrustCa(text, { field: 'previousCa', sourcePath: ctx.path(o.previousCa) })
  if (previous.fingerprintSha256 === ca.fingerprintSha256)
    throw invalidInput('previousCa', o.previousCa, message('cli.lifecycle.bundle.previousSame'))
  return previous
}

function printFingerprint(ctx: CommandContext, b: ExportedBundle): void {
  ctx.io.stdout(`${ctx.tr.text('cli.trust.bundle.fingerprint', { fingerprint: b.fingerprintSha256 })}\n`)
}

async function toFolder(ctx: CommandContext, o: ExportOpts, input: ExportInput, out: string): Promise<void> {
  const b = await exportBundle({ ...input, outDir: ctx.path(out), force: o.force, field: 'out' })
  const notes = (input.ca.notes ?? []).map((n) => ctx.tr.render(n))
  if (o.json) {
    printJson(ctx, { ...b, caNotes: notes })
    return
  }
  for (const n of notes) ctx.io.stdout(`${ctx.tr.text('cli.common.label.note')}: ${n}\n`)
  ctx.io.stdout(`${ctx.tr.text('cli.trust.bundle.written', { dir: b.dir })}\n`)
  for (const f of b.files) ctx.io.stdout(`  ${f}\n`)
  if (b.archivePath) ctx.io.stdout(`${ctx.tr.text('cli.trust.bundle.archive', { path: b.archivePath })}\n`)
  if (input.mirror)
    ctx.io.stdout(`${ctx.tr.text('cli.trustMirror.bundleMirror', { mirror: input.mirror.hostPort })}\n`)
  printFingerprint(ctx, b)
}

/** The mount point of the listed removable drive `given` names; anything else is invalid input. */
export async function listedMount(ctx: CommandContext, given: string): Promise<string> {
  if (given.split(/[\\/]/).includes('..'))
    throw invalidInput('drive', given, message('cli.trust.bundle.driveDotDot'), 'DRIVE_PATH_INVALID')
  const drives = await (ctx.io.drives?.list ?? listRemovableDrives)()
  const mount = drives.find((d) => resolve(d.mount) === resolve(ctx.path(given)))?.mount
  if (mount !== undefined) return mount
  const listed = drives.length > 0 ? drives.map((d) => d.mount) : message('cli.trust.bundle.noneMounted')
  throw new AppError({
    code: 'DRIVE_NOT_LISTED',
    kind: 'input',
    field: 'drive',
    params: {
      value: JSON.stringify(given),
      allowed: message('cli.trust.bundle.notADrive', { drives: listed }),
    },
  })
}

async function toDrive(ctx: CommandContext, o: ExportOpts, input: ExportInput, given: string): Promise<void> {
  const mount = await listedMount(ctx, given)
  const staging = await fs.mkdtemp(join(tmpdir(), 'registry-wizard-bundle-'))
  try {
    const b = await exportBundle({ ...input, outDir: staging })
    const copied = await copyBundleToMount(b.dir, mount, {
      force: o.force,
      afterWrite: ctx.io.drives?.afterWrite,
    })
    const result = { ...copied, fingerprintSha256: b.fingerprintSha256 }
    if (!copied.verified) {
      if (o.json) printJson(ctx, result)
      throw verifyFailedError(copied)
    }
    if (b.archivePath) {
      const name = `${copied.dest.split(/[\\/]/).pop() ?? 'bundle'}.${input.archive ?? ''}`
      await fs.copyFile(b.archivePath, join(mount, name))
    }
    if (o.json) printJson(ctx, result)
    else {
      const params = { dest: copied.dest, count: copied.files.length, readBack: describeReadBack(copied) }
      ctx.io.stdout(`${ctx.tr.text('cli.trust.bundle.onDrive', params)}\n`)
      printFingerprint(ctx, b)
    }
  } finally {
    await fs.rm(staging, { recursive: true, force: true })
  }
}

async function exportCommand(ctx: CommandContext, o: ExportOpts): Promise<void> {
  const input = await exportInput(ctx, o)
  if (o.out !== undefined) await toFolder(ctx, o, input, o.out)
  else await toDrive(ctx, o, input, o.drive ?? '')
}

export function registerBundleCommands(program: Command, ctx: CommandContext): void {
  const help = (key: string): string => ctx.tr.text(`cli.trust.help.${key}`)
  const bundle = program.command('bundle').description(help('bundle'))
  bundle
    .command('export')
    .description(help('export'))
    .requiredOption('--ca <file>', help('ca'))
    .option('--previous-ca <file>', ctx.tr.text('cli.lifecycle.bundle.previousCa'))
    .option('--registry <host:port>', help('registry'), collect)
    .option('--mirror <host:port>', ctx.tr.text('cli.trustMirror.help.bundleMirror'))
    .option('--out <dir>', help('out'))
    .option('--drive <mount>', help('drive'))
    .option('--archive <format>', help('archive'))
    .option('--force', help('forceBundle'))
    .option('--json', help('json'))
    .action((o: ExportOpts) => exportCommand(ctx, o))
}
