// What `catalog`, `delete`, `prune` and `registry gc|usage` share: the registry connection (its CA only trusted, a
// login from a file), the confirmation a destructive run needs, and tables (cli-table3).
import { createInterface } from 'node:readline/promises'
import Table from 'cli-table3'
import { AppError, invalidInput } from '../../errors'
import { message, type Params } from '../../messages/index'
import { registryClient, type RegistryClient } from '../../registry-api/index'
import { parseTrustCa } from '../../trust/ca-certificate'
import { noPortError, parseRegistryAddress } from '../../trust/registry-address'
import { readInputFile, readOptionalSecretFile, type CommandContext } from '../context'

export interface ConnOpts {
  ca: string
  user?: string
  passwordFile?: string
  json?: boolean
}

/** `cli.manage.*` in the run's language. */
export const say = (ctx: CommandContext, key: string, params?: Params): string =>
  ctx.tr.text(`cli.manage.${key}`, params)

/** A client for HOST:PORT trusting only the CA file; every input read and checked before anything is sent. */
export async function connect(
  ctx: CommandContext,
  hostPortText: string,
  o: ConnOpts,
  field = 'registry',
): Promise<RegistryClient> {
  const address = parseRegistryAddress(hostPortText, field)
  if (address.port === undefined) throw noPortError(address, field)
  if ((o.user === undefined) !== (o.passwordFile === undefined))
    throw invalidInput('user', o.user ?? '', message('cli.manage.allowed.userAndPassword'))
  const ca = parseTrustCa(await readInputFile(ctx, o.ca, 'ca'), { field: 'ca', sourcePath: ctx.path(o.ca) })
  const password = await readOptionalSecretFile(ctx, o.passwordFile, 'passwordFile')
  return registryClient({
    host: address.host,
    port: address.port,
    caPem: ca.pem,
    ...(o.user === undefined ? {} : { user: o.user, password }),
  })
}

/** Runs `work` with the client and closes its connections afterwards. */
export async function withClient<T>(
  client: RegistryClient,
  work: (c: RegistryClient) => Promise<T>,
): Promise<T> {
  try {
    return await work(client)
  } finally {
    client.close()
  }
}

/**
 * A destructive run goes ahead with --yes, or after "y" on a terminal; without a terminal and without --yes it is
 * refused before anything changes (exit 2).
 */
export async function confirm(
  ctx: CommandContext,
  yes: boolean | undefined,
  question: string,
): Promise<void> {
  if (yes === true) return
  needYes(ctx, yes)
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = await rl.question(`${question} [${say(ctx, 'confirm.yesNo')}] `)
    if (!/^(y|yes|是)$/i.test(answer.trim())) throw new AppError({ code: 'MANAGE_NOT_CONFIRMED' })
  } finally {
    rl.close()
  }
}

/** Refuses a destructive run without --yes when no one can be asked (no terminal). */
export function needYes(ctx: CommandContext, yes: boolean | undefined): void {
  if (yes !== true && (!process.stdin.isTTY || ctx.io.stderrTTY !== true))
    throw new AppError({ code: 'MANAGE_CONFIRM_REQUIRED', kind: 'input', field: 'yes' })
}

/** A table with the headings `cli.manage.<heads>.*` (no colours: output stays plain for pipes and logs). */
export function table(
  ctx: CommandContext,
  heads: string,
  columns: readonly string[],
  rows: (string | number)[][],
): string {
  const t = new Table({
    head: columns.map((c) => say(ctx, `${heads}.${c}`)),
    style: { head: [], border: [] },
  })
  t.push(...rows.map((r) => r.map(String)))
  return t.toString()
}

/** A count option: a whole number 0..max. */
export function parseCount(field: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value.trim()) || Number(value) > max)
    throw invalidInput(field, value, message('manage.allowed.count', { max }))
  return Number(value)
}
