// `npm run bench`: prints figures for every speed and size target, each beside its reference in the same run.
// BENCH_RUNS sets the number of timed runs (default 20; Docker starts use at most 10).
import { benchAsarSize } from './asar'
import { benchPki } from './pki'
import { benchRegistryStart } from './registry-start'
import { benchRenderer } from './renderer'

const runs = Number(process.env['BENCH_RUNS'] ?? 20)
process.stdout.write(`Registry Wizard benchmarks (median of ${runs} runs where timed)\n`)
const results: boolean[] = []
results.push(await benchPki(runs))
results.push((await benchRegistryStart({ runs: Math.min(runs, 10) })).ok)
results.push((await benchRenderer()).ok)
results.push(benchAsarSize().ok)
process.stdout.write(
  results.every(Boolean) ? 'all targets met\n' : 'some targets were missed (see OVER TARGET above)\n',
)
