// `npm run bench`: prints figures for every speed and size target, each beside its reference in the same run.
// BENCH_RUNS sets the number of timed runs (default 20; Docker starts use at most 10, the renderer at most 5).
// Runs the TypeScript sources under tsx, with tests/bench/raw-loader.mjs for Vite's `?raw` imports (see package.json).
// BENCH_ONLY picks figures (comma-separated): pki, cli (or one CLI figure: cli-version, cli-inspect, cli-issue-ec, cli-issue-rsa;
// cli-issue is both),
// registry, renderer, asar, images, setup; unset runs every figure. E.g. `BENCH_RUNS=5 BENCH_ONLY=cli-issue npm run bench`.
import { benchAsarSize } from './asar'
import { benchCli, benchSelected } from './cli'
import { benchImages } from './images'
import { benchPki } from './pki'
import { benchRegistryStart } from './registry-start'
import { benchRenderer } from './renderer'
import { benchSetup } from './setup'

const runs = Number(process.env['BENCH_RUNS'] ?? 20)
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`BENCH_RUNS must be a whole number >= 1, got ${process.env['BENCH_RUNS'] ?? ''}`)
process.stdout.write(`Registry Wizard benchmarks (median of ${runs} runs where timed)\n`)
const results: boolean[] = []
if (benchSelected('pki')) results.push(await benchPki(runs))
if (benchSelected('cli')) results.push(await benchCli(runs))
if (benchSelected('registry')) results.push((await benchRegistryStart({ runs: Math.min(runs, 10) })).ok)
if (benchSelected('renderer')) results.push((await benchRenderer(Math.min(runs, 5))).ok)
if (benchSelected('asar')) results.push(benchAsarSize().ok)
if (benchSelected('images')) results.push((await benchImages(Math.min(runs, 3))).ok)
if (benchSelected('setup')) results.push((await benchSetup(Math.min(runs, 3))).ok)
process.stdout.write(
  results.every(Boolean) ? 'all targets met\n' : 'some targets were missed (see OVER TARGET above)\n',
)
