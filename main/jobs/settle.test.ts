import { describe, expect, it } from 'vitest'
import { allInOrder, eachLimited } from './settle'

const later = <T>(ms: number, value: T): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms))
const failLater = (ms: number, text: string): Promise<never> =>
  new Promise((_resolve, reject) => setTimeout(() => reject(new Error(text)), ms))

describe('allInOrder', () => {
  it('waits for every promise and throws the first failure in their order, not in time', async () => {
    const done: string[] = []
    const track = <T>(p: Promise<T>, name: string) => p.finally(() => done.push(name))
    const err = await allInOrder([
      track(later(5, 'a'), 'a'),
      track(failLater(40, 'second'), 'b'),
      track(failLater(10, 'third'), 'c'),
    ]).catch((e: unknown) => e)
    expect((err as Error).message).toBe('second')
    expect(done.sort()).toEqual(['a', 'b', 'c'])
    expect(await allInOrder([later(5, 1), later(1, 'x')])).toEqual([1, 'x'])
  })
})

describe('eachLimited', () => {
  it('runs at most n at a time, in order, each at its index', async () => {
    let running = 0
    let most = 0
    const seen: [string, number][] = []
    await eachLimited(['a', 'b', 'c', 'd', 'e'], 2, async (item, i) => {
      running++
      most = Math.max(most, running)
      seen.push([item, i])
      await later(5, undefined)
      running--
    })
    expect(most).toBe(2)
    expect(seen).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['d', 3],
      ['e', 4],
    ])
  })

  it('after a failure begins nothing more, aborts the others and throws that failure once they settled', async () => {
    const begun: number[] = []
    let abortedReason: unknown
    const err = await eachLimited([0, 1, 2, 3, 4, 5], 2, async (item, _i, stop) => {
      begun.push(item)
      if (item === 1) {
        await later(5, undefined)
        throw new Error('one failed')
      }
      // The others wait until stopped.
      await new Promise<void>((_resolve, reject) =>
        stop.addEventListener('abort', () => {
          abortedReason = stop.reason
          reject(new Error('stopped'))
        }),
      )
    }).catch((e: unknown) => e)
    expect((err as Error).message).toBe('one failed')
    expect(begun).toEqual([0, 1])
    expect((abortedReason as Error).message).toBe('one failed')
  })
})
