// `registry-wizard images inspect|import|export`: the CLI front end of main/images. Everything a command reads is
// checked before it talks to a registry or writes a byte (bad input: exit 2, nothing written).
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { AppError, invalidInput } from '../../errors'
import {
  exportImages,
  importImages,
  inspectArchive,
  isValidPrefix,
  parseReference,
  readImageList,
  type ArchiveInspection,
  type ExportFormat,
  type ExportInput,
  type ExportResult,
  type ImportResult,
  type Platform,
} from '../../images/index'
import { formatBytes } from '../../images/format-bytes'
import { isAbort } from '../../jobs/abort'
import { message, type Params } from '../../messages/index'
import type { RegistryEndpoint } from '../../registry-api/index'
import { parseTrustCa } from '../../trust/ca-certificate'
import { noPortError, parseRegistryAddress } from '../../trust/registry-address'
import { printJson, readInputFile, readOptionalSecretFile, type CommandContext } from '../context'
import { withInterrupt } from './engine'
import { progressPrinter } from './images-progress'

/** The archive name `--drive` writes at the top of the drive. */
export const DRIVE_ARCHIVE = 'images.tar'

interface ConnOpts {
  registry: string
  ca: string
  user?: string
  passwordFile?: string
  prefix?: string
  json?: boolean
}

interface ImportOpts extends ConnOpts {
  repository?: string
}

interface ExportOpts extends ConnOpts {
  list?: string
  out?: string
  drive?: string
  format: string
  platform?: string
  force?: boolean
}

/** `cli.images.*` in the run's language. */
const say = (ctx: CommandContext, key: string, params?: Params): string =>
  ctx.tr.text(`cli.images.${key}`, params)
const allowed = (key: string): ReturnType<typeof message> => message(`cli.images.allowed.${key}`)

/** The registry, its CA (only it is trusted) and the login: checked and read before anything is sent. */
async function connection(
  ctx: CommandContext,
  o: ConnOpts,
): Promise<{ registry: RegistryEndpoint; user?: string; password?: string }> {
  const address = parseRegistryAddress(o.registry, 'registry')
  if (address.port === undefined) throw noPortError(address, 'registry')
  checkPrefix(o.prefix)
  if ((o.user === undefined) !== (o.passwordFile === undefined))
    throw invalidInput('user', o.user ?? '', allowed('userAndPassword'))
  const ca = parseTrustCa(await readInputFile(ctx, o.ca, 'ca'), { field: 'ca', sourcePath: ctx.path(o.ca) })
  const password = await readOptionalSecretFile(ctx, o.passwordFile, 'passwordFile')
  const registry = { host: address.host, port: address.port, caPem: ca.pem }
  return o.user === undefined ? { registry } : { registry, user: o.user, password }
}

function checkPrefix(prefix: string | undefined): void {
  if (prefix !== undefined && (prefix.trim() === '' || !isValidPrefix(prefix)))
    throw new AppError({
      code: 'IMAGES_PREFIX_INVALID',
      kind: 'input',
      field: 'prefix',
      params: { value: JSON.stringify(prefix) },
    })
}

/** Each archive exists and can be read (a file or an OCI layout folder); else invalid input naming it. */
async function checkFiles(ctx: CommandContext, files: string[]): Promise<string[]> {
  const out: string[] = []
  for (const f of files) {
    const path = ctx.path(f)
    try {
      await fs.access(path, fs.constants.R_OK)
    } catch (err) {
      const errno = (err as NodeJS.ErrnoException).code ?? 'EIO'
      throw new AppError({
        code: 'FILE_UNREADABLE',
        kind: 'input',
        field: 'files',
        params: { value: JSON.stringify(f), errno },
      })
    }
    out.push(path)
  }
  return out
}

/** Turns a CANCELLED failure into the line that says what was left, then lets the error print as usual. */
async function saying<T>(ctx: CommandContext, cancelledLine: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (isAbort(err)) ctx.io.stderr(`${cancelledLine}\n`)
    throw err
  }
}

function printInspection(ctx: CommandContext, r: ArchiveInspection): void {
  const summary = { path: r.path, kind: r.kind, images: r.images.length, size: formatBytes(r.totalBytes) }
  ctx.io.stdout(`${say(ctx, 'inspect.summary', summary)}\n`)
  for (const image of r.images) {
    const names = image.names.length > 0 ? image.names : [say(ctx, 'inspect.noName')]
    const line = { names, digest: image.digest, size: formatBytes(image.size) }
    ctx.io.stdout(`  ${say(ctx, 'inspect.image', line)}\n`)
    for (const p of image.platforms) {
      const platform = [p.os, p.architecture, p.variant].filter(Boolean).join('/')
      ctx.io.stdout(
        `${say(ctx, 'inspect.platform', { platform, digest: p.digest, size: formatBytes(p.size) })}\n`,
      )
    }
  }
}

function registerInspect(ctx: CommandContext, images: Command): void {
  images
    .command('inspect')
    .description(say(ctx, 'help.inspect'))
    .argument('<file>', say(ctx, 'help.file'))
    .option('--json', say(ctx, 'help.json'))
    .action(async (file: string, o: { json?: boolean }) => {
      const [path] = await checkFiles(ctx, [file])
      const r = await withInterrupt((signal) => inspectArchive(path ?? file, { signal }))
      if (o.json) printJson(ctx, r)
      else printInspection(ctx, r)
    })
}

function printImported(ctx: CommandContext, r: ImportResult): void {
  for (const i of r.images)
    ctx.io.stdout(
      `${say(ctx, 'import.pushed', { reference: i.reference, digest: i.digest, platforms: i.platforms })}\n`,
    )
  const b = r.blobs
  const params = { ...b, bytes: formatBytes(b.bytesUploaded), seconds: r.seconds.toFixed(1) }
  ctx.io.stdout(`${say(ctx, 'import.summary', params)}\n`)
}

function registerImport(ctx: CommandContext, images: Command): void {
  const h = (key: string): string => say(ctx, `help.${key}`)
  images
    .command('import')
    .description(h('import'))
    .argument('<file...>', h('files'))
    .requiredOption('--registry <host:port>', h('registry'))
    .requiredOption('--ca <file>', h('ca'))
    .option('--prefix <prefix>', h('prefix'))
    .option('--repository <name>', h('repository'))
    .option('--user <user>', h('user'))
    .option('--password-file <file>', h('passwordFile'))
    .option('--json', h('json'))
    .action(async (files: string[], o: ImportOpts) => {
      const paths = await checkFiles(ctx, files)
      const conn = await connection(ctx, o)
      const onProgress = o.json ? undefined : progressPrinter(ctx)
      const r = await saying(ctx, say(ctx, 'import.cancelled'), () =>
        withInterrupt((signal) =>
          importImages(
            { ...conn, files: paths, prefix: o.prefix, repository: o.repository },
            { signal, onProgress: onProgress?.print },
          ),
        ).finally(() => onProgress?.end()),
      )
      if (o.json) printJson(ctx, r)
      else printImported(ctx, r)
    })
}

const PLATFORM = /^([a-z0-9]+)\/([a-z0-9_]+)(?:\/([a-z0-9]+))?$/

function parsePlatform(value: string | undefined): Platform | undefined {
  if (value === undefined) return undefined
  const m = PLATFORM.exec(value.trim())
  if (m === null) throw invalidInput('platform', value, allowed('platform'))
  return { os: m[1] ?? '', architecture: m[2] ?? '', ...(m[3] ? { variant: m[3] } : {}) }
}

function parseFormat(value: string): ExportFormat {
  if (value === 'oci' || value === 'docker') return value
  throw invalidInput('format', value, allowed('format'))
}

/** The references: from `--list FILE` or the arguments (not both, at least one); each must be a reference. */
async function exportRefs(ctx: CommandContext, refs: string[], list: string | undefined): Promise<string[]> {
  if (list !== undefined && refs.length > 0) throw invalidInput('list', list, allowed('listOrRefs'))
  const all = list === undefined ? refs : await readListFile(ctx, list)
  if (all.length === 0) throw new AppError({ code: 'EXPORT_NO_REFS', kind: 'input', field: 'refs' })
  for (const ref of all)
    if (parseReference(ref) === undefined)
      throw new AppError({ code: 'EXPORT_REF_INVALID', kind: 'input', field: 'refs', params: { value: ref } })
  return all
}

async function readListFile(ctx: CommandContext, list: string): Promise<string[]> {
  // Read as an input file first: a missing or oversized list is invalid input naming --list.
  await readInputFile(ctx, list, 'list')
  return readImageList(ctx.path(list))
}

/** The same check as `bundle export --drive`: a removable drive the system lists now (loaded only when asked). */
async function driveMount(ctx: CommandContext, given: string): Promise<string> {
  const { listedMount } = await import('./bundle')
  return listedMount(ctx, given)
}

/** What one export needs, all checked before the registry is asked anything. */
async function exportInput(ctx: CommandContext, refArgs: string[], o: ExportOpts): Promise<ExportInput> {
  if ((o.out === undefined) === (o.drive === undefined))
    throw invalidInput('out', o.out ?? '', allowed('outOrDrive'))
  const format = parseFormat(o.format)
  const platform = parsePlatform(o.platform)
  const refs = await exportRefs(ctx, refArgs, o.list)
  const conn = await connection(ctx, o)
  const common = { ...conn, refs, format, platform, prefix: o.prefix, force: o.force }
  if (o.out !== undefined) return { ...common, out: ctx.path(o.out) }
  // On a drive: the archive at its top, checked for room first and read back from the device after.
  const drive = await driveMount(ctx, o.drive ?? '')
  return { ...common, out: join(drive, DRIVE_ARCHIVE), drive }
}

function printExported(ctx: CommandContext, r: ExportResult): void {
  for (const i of r.images)
    ctx.io.stdout(
      `${say(ctx, 'export.image', { reference: i.reference, digest: i.digest, platforms: i.platforms })}\n`,
    )
  ctx.io.stdout(`${say(ctx, 'export.written', { out: r.out, bytes: formatBytes(r.bytes) })}\n`)
  ctx.io.stdout(`${say(ctx, 'export.checksum', { sha256: r.sha256, file: r.checksumFile })}\n`)
}

function registerExport(ctx: CommandContext, images: Command): void {
  const h = (key: string): string => say(ctx, `help.${key}`)
  images
    .command('export')
    .description(h('export'))
    .argument('[ref...]', h('refs'))
    .requiredOption('--registry <host:port>', h('registry'))
    .requiredOption('--ca <file>', h('ca'))
    .option('--list <file>', h('list'))
    .option('--out <file.tar>', h('out'))
    .option('--drive <mount>', say(ctx, 'help.drive', { file: DRIVE_ARCHIVE }))
    .option('--format <format>', h('format'), 'oci')
    .option('--platform <os/arch>', h('platform'))
    .option('--prefix <prefix>', h('exportPrefix'))
    .option('--user <user>', h('user'))
    .option('--password-file <file>', h('passwordFile'))
    .option('--force', h('force'))
    .option('--json', h('json'))
    .action(async (refs: string[], o: ExportOpts) => {
      const input = await exportInput(ctx, refs, o)
      const onProgress = o.json ? undefined : progressPrinter(ctx)
      const r = await saying(ctx, say(ctx, 'export.cancelled', { out: input.out }), () =>
        withInterrupt((signal) => exportImages(input, { signal, onProgress: onProgress?.print })).finally(
          () => onProgress?.end(),
        ),
      )
      if (o.json) printJson(ctx, r)
      else printExported(ctx, r)
    })
}

export function registerImagesCommands(program: Command, ctx: CommandContext): void {
  const images = program.command('images').description(say(ctx, 'help.images'))
  registerInspect(ctx, images)
  registerImport(ctx, images)
  registerExport(ctx, images)
}
