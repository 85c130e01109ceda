import type { Command } from 'commander'
import {
  buildK8sFiles,
  DEFAULT_IMAGE,
  DEFAULT_NAMESPACE,
  PULL_SECRET_NAME,
  writeK8sFolder,
  type K8sManifestInput,
  type PullLogin,
} from '../../cluster/k8s/index'
import { invalidInput } from '../../errors'
import { message, type Params } from '../../messages/index'
import { parseTrustCa } from '../../trust/ca-certificate'
import { parseMirrorAndRegistries } from '../../trust/registry-address'
import { collect, printJson, readInputFile, readSecretFile, type CommandContext } from '../context'

interface ManifestsOpts {
  ca: string
  registry?: string[]
  mirror?: string
  namespace?: string
  image?: string
  pullSecretUser?: string
  passwordFile?: string
  out: string
  force?: boolean
  json?: boolean
}

/** `cli.k8s.*` in the run's language. */
const say = (ctx: CommandContext, key: string, params?: Params): string =>
  ctx.tr.text(`cli.k8s.${key}`, params)

/** `--pull-secret-user U --password-file F`: both or neither; the password is read from the file, never echoed. */
async function loginOf(ctx: CommandContext, o: ManifestsOpts): Promise<PullLogin | undefined> {
  if (o.pullSecretUser === undefined && o.passwordFile === undefined) return undefined
  if (o.pullSecretUser === undefined || o.passwordFile === undefined) {
    const field = o.pullSecretUser === undefined ? 'pullSecretUser' : 'passwordFile'
    throw invalidInput(field, '', message('k8s.allowed.login'))
  }
  return { user: o.pullSecretUser, password: await readSecretFile(ctx, o.passwordFile, 'passwordFile') }
}

/** Everything the command reads, checked before anything is built or written. */
async function manifestsInput(ctx: CommandContext, o: ManifestsOpts): Promise<K8sManifestInput> {
  const ca = parseTrustCa(await readInputFile(ctx, o.ca, 'ca'), { field: 'ca', sourcePath: ctx.path(o.ca) })
  const { registries, mirror } = parseMirrorAndRegistries(o.registry ?? [], o.mirror)
  const login = await loginOf(ctx, o)
  return { ca, registries, mirror, namespace: o.namespace, image: o.image, login }
}

function printNext(ctx: CommandContext, input: K8sManifestInput, dir: string): void {
  const namespace = input.namespace ?? DEFAULT_NAMESPACE
  const lines = [
    say(ctx, 'next.title'),
    say(ctx, 'next.apply', { dir }),
    say(ctx, 'next.rollout', { namespace }),
    say(ctx, 'next.logs', { namespace }),
    '',
    say(ctx, 'next.configPath'),
    say(ctx, 'next.image', { image: input.image ?? DEFAULT_IMAGE }),
    ...(input.login ? [say(ctx, 'next.pullSecret', { dir, secret: PULL_SECRET_NAME })] : []),
    say(ctx, 'next.rancher', { dir }),
    say(ctx, 'next.remove', { dir }),
  ]
  ctx.io.stdout(`${lines.join('\n')}\n`)
}

async function manifests(ctx: CommandContext, o: ManifestsOpts): Promise<void> {
  const input = await manifestsInput(ctx, o)
  const files = buildK8sFiles(input)
  const out = await writeK8sFolder(ctx.path(o.out), files, { force: o.force, field: 'out' })
  const caNotes = (input.ca.notes ?? []).map((n) => ctx.tr.render(n))
  if (o.json) {
    printJson(ctx, { ...out, namespace: input.namespace ?? DEFAULT_NAMESPACE, caNotes })
    return
  }
  for (const n of caNotes) ctx.io.stdout(`${ctx.tr.text('cli.common.label.note')}: ${n}\n`)
  const registries = [...input.registries, ...(input.mirror ? [input.mirror] : [])].map((r) => r.hostPort)
  ctx.io.stdout(`${say(ctx, 'written', { registries, dir: out.dir })}\n`)
  for (const f of out.files) ctx.io.stdout(`  ${f}\n`)
  ctx.io.stdout('\n')
  printNext(ctx, input, out.dir)
}

/** `registry-wizard k8s manifests ...` (one registration line in program.ts). */
export function registerK8sCommands(program: Command, ctx: CommandContext): void {
  const help = (key: string, params?: Params): string => say(ctx, `help.${key}`, params)
  const k8s = program.command('k8s').description(help('k8s'))
  k8s
    .command('manifests')
    .description(help('manifests'))
    .requiredOption('--ca <file>', help('ca'))
    .option('--registry <host:port>', help('registry'), collect)
    .option('--mirror <host:port>', help('mirror'))
    .option('--namespace <name>', help('namespace', { default: DEFAULT_NAMESPACE }))
    .option('--image <ref>', help('image', { default: DEFAULT_IMAGE }))
    .option('--pull-secret-user <user>', help('pullSecretUser'))
    .option('--password-file <file>', help('passwordFile'))
    .requiredOption('--out <dir>', help('out'))
    .option('--force', help('force'))
    .option('--json', help('json'))
    .action((o: ManifestsOpts) => manifests(ctx, o))
}
