// The registry image has no shell, curl or wget (registry:2 built from Debian's package has nothing but the binary),
// so the task's healthcheck runs a tiny probe of our own, shipped to the task as a Swarm config (mode 0555): a
// static Linux ELF of about 300 bytes, built here from its machine code (the assembly is beside each instruction),
// one per CPU architecture (x86-64, aarch64), with the same behaviour.

/** Where the probe is mounted in the task. */
export const PROBE_PATH = '/registry-wizard-probe'

/**
 * x86-64 machine code: connect to 127.0.0.1:5000, send `GET /v2/ HTTP/1.0`, and exit 0 only when the first 12 bytes
 * of the answer are `HTTP/1.0 400`: what Go's TLS listener answers to plain HTTP, so the registry is up AND serving
 * TLS (a plain-HTTP registry answers 200 or 401 and is reported unhealthy).
 */
const X86_64_CODE = [
  'b829000000', //            mov eax, 41            ; socket(AF_INET, SOCK_STREAM, 0)
  'bf02000000', //            mov edi, 2
  'be01000000', //            mov esi, 1
  '31d2', //                  xor edx, edx
  '0f05', //                  syscall
  '4189c4', //                mov r12d, eax          ; fd
  '6a00', //                  push 0                 ; sockaddr_in: sin_zero
  '48b8020013887f000001', //  movabs rax, AF_INET | htons(5000) | 127.0.0.1
  '50', //                    push rax
  '4489e7', //                mov edi, r12d
  '4889e6', //                mov rsi, rsp
  'ba10000000', //            mov edx, 16
  'b82a000000', //            mov eax, 42            ; connect
  '0f05', //                  syscall
  '85c0', //                  test eax, eax
  '755b', //                  jnz fail
  '488d3560000000', //        lea rsi, [rip+req]
  '4489e7', //                mov edi, r12d
  'ba15000000', //            mov edx, 21
  'b801000000', //            mov eax, 1             ; write(fd, req, 21)
  '0f05', //                  syscall
  '4883ec20', //              sub rsp, 32            ; answer buffer
  '4531ed', //                xor r13d, r13d         ; bytes read
  '4489e7', //     readmore:  mov edi, r12d
  '4a8d342c', //              lea rsi, [rsp+r13]
  'ba0c000000', //            mov edx, 12
  '4429ea', //                sub edx, r13d
  '31c0', //                  xor eax, eax           ; read
  '0f05', //                  syscall
  '85c0', //                  test eax, eax
  '7e27', //                  jle fail
  '4101c5', //                add r13d, eax
  '4183fd0c', //              cmp r13d, 12
  '7ce0', //                  jl readmore
  '48b8485454502f312e30', //  movabs rax, "HTTP/1.0"
  '48390424', //              cmp [rsp], rax
  '750e', //                  jne fail
  '817c240820343030', //      cmp dword [rsp+8], " 400"
  '7504', //                  jne fail
  '31ff', //                  xor edi, edi           ; healthy
  'eb05', //                  jmp done
  'bf01000000', //     fail:  mov edi, 1
  'b8e7000000', //     done:  mov eax, 231           ; exit_group(edi)
  '0f05', //                  syscall
  Buffer.from('GET /v2/ HTTP/1.0\r\n\r\n').toString('hex'), // req
].join('')

/**
 * aarch64 machine code with the x86-64 probe's behaviour. Each instruction is one little-endian 32-bit word; the
 * data (sockaddr_in, the expected answer, the request) follows the code, 4-byte aligned for the `adr`/`ldr` literals.
 * Linux aarch64 syscalls: number in x8, arguments in x0-x2, `svc #0`, result in x0.
 */
const AARCH64_WORDS = [
  0xd2800040, //            mov  x0, #2            ; socket(AF_INET, SOCK_STREAM, 0)
  0xd2800021, //            mov  x1, #1
  0xd2800002, //            mov  x2, #0
  0xd28018c8, //            mov  x8, #198          ; socket
  0xd4000001, //            svc  #0
  0xaa0003f3, //            mov  x19, x0           ; fd
  0x10000481, //            adr  x1, addr
  0xd2800202, //            mov  x2, #16
  0xd2801968, //            mov  x8, #203          ; connect(fd, addr, 16)
  0xd4000001, //            svc  #0
  0xb50003a0, //            cbnz x0, fail
  0xaa1303e0, //            mov  x0, x19
  0x100004a1, //            adr  x1, req
  0xd28002a2, //            mov  x2, #21
  0xd2800808, //            mov  x8, #64           ; write(fd, req, 21)
  0xd4000001, //            svc  #0
  0xd10043ff, //            sub  sp, sp, #16       ; answer buffer
  0xd2800014, //            mov  x20, #0           ; bytes read
  0xaa1303e0, //  readmore: mov  x0, x19
  0x8b3463e1, //            add  x1, sp, x20
  0xd2800182, //            mov  x2, #12
  0xcb140042, //            sub  x2, x2, x20
  0xd28007e8, //            mov  x8, #63           ; read
  0xd4000001, //            svc  #0
  0xf100001f, //            cmp  x0, #0
  0x540001cd, //            b.le fail
  0x8b000294, //            add  x20, x20, x0
  0xf100329f, //            cmp  x20, #12
  0x54fffecb, //            b.lt readmore
  0xf94003e3, //            ldr  x3, [sp]
  0x58000204, //            ldr  x4, http
  0xeb04007f, //            cmp  x3, x4
  0x540000e1, //            b.ne fail
  0xb9400be3, //            ldr  w3, [sp, #8]
  0x180001c4, //            ldr  w4, s400
  0x6b04007f, //            cmp  w3, w4
  0x54000061, //            b.ne fail
  0xd2800000, //            mov  x0, #0            ; healthy
  0x14000002, //            b    done
  0xd2800020, //      fail: mov  x0, #1
  0xd2800bc8, //      done: mov  x8, #94           ; exit_group(x0)
  0xd4000001, //            svc  #0
]
const AARCH64_DATA = [
  '020013887f000001' + '00'.repeat(8), // addr: AF_INET, htons(5000), 127.0.0.1, sin_zero
  Buffer.from('HTTP/1.0').toString('hex'), // http
  Buffer.from(' 400').toString('hex'), // s400
  Buffer.from('GET /v2/ HTTP/1.0\r\n\r\n').toString('hex'), // req
].join('')

function aarch64Code(): Buffer {
  const words = Buffer.alloc(AARCH64_WORDS.length * 4)
  AARCH64_WORDS.forEach((w, i) => words.writeUInt32LE(w, i * 4))
  return Buffer.concat([words, Buffer.from(AARCH64_DATA, 'hex')])
}

const BASE = 0x400000
const EHDR = 64
const PHDR = 56

/** A static ELF64 executable: one read+execute LOAD segment holding the headers and `code`, entry at the code. */
function elf64(machine: number, code: Buffer): Buffer {
  const size = EHDR + PHDR + code.length
  const b = Buffer.alloc(size)
  b.write('\x7fELF', 0, 'latin1')
  b.writeUInt8(2, 4) // 64-bit
  b.writeUInt8(1, 5) // little endian
  b.writeUInt8(1, 6) // ELF version
  b.writeUInt16LE(2, 16) // ET_EXEC
  b.writeUInt16LE(machine, 18)
  b.writeUInt32LE(1, 20)
  b.writeBigUInt64LE(BigInt(BASE + EHDR + PHDR), 24) // entry
  b.writeBigUInt64LE(BigInt(EHDR), 32) // program headers
  b.writeUInt16LE(EHDR, 52)
  b.writeUInt16LE(PHDR, 54)
  b.writeUInt16LE(1, 56)
  const p = EHDR
  b.writeUInt32LE(1, p) // PT_LOAD
  b.writeUInt32LE(5, p + 4) // R + X
  b.writeBigUInt64LE(BigInt(BASE), p + 16)
  b.writeBigUInt64LE(BigInt(BASE), p + 24)
  b.writeBigUInt64LE(BigInt(size), p + 32)
  b.writeBigUInt64LE(BigInt(size), p + 40)
  b.writeBigUInt64LE(0x1000n, p + 48)
  code.copy(b, EHDR + PHDR)
  return b
}

/**
 * Architectures (as `docker info` and a Swarm node's `Platform.Architecture` name them: `uname -m`) the probe exists
 * for, and the Swarm placement value of each. EM_X86_64 = 62, EM_AARCH64 = 183.
 *
 * Mixed-architecture clusters: a service has ONE healthcheck command and one set of configs, so it carries the probe
 * of one architecture (the manager's, see start-steps.ts) and the constraint keeps its tasks on nodes of that
 * architecture; a task on another node would fail its healthcheck (exec format error) and be restarted forever.
 */
const PROBES: Record<string, { platform: string; build: () => Buffer }> = {
  x86_64: { platform: 'x86_64', build: () => elf64(62, Buffer.from(X86_64_CODE, 'hex')) },
  aarch64: { platform: 'aarch64', build: () => elf64(183, aarch64Code()) },
}

/** Go / OCI architecture names to `uname -m` names. */
const ALIASES: Record<string, string> = { amd64: 'x86_64', arm64: 'aarch64' }

/**
 * The probe for an engine architecture, with the placement constraint that keeps tasks on nodes it runs on;
 * undefined when there is none for it (the service then runs without a healthcheck).
 */
export function healthProbe(arch: string): { binary: Buffer; constraint: string } | undefined {
  const probe = PROBES[ALIASES[arch] ?? arch]
  if (probe === undefined) return undefined
  return { binary: probe.build(), constraint: `node.platform.arch==${probe.platform}` }
}
