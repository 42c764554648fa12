/**
 * One round of each I/O model as a list of frames: what happens, who does it, and the running
 * totals of system calls and examined descriptors for the reader's connection count. The figure
 * draws a sample of at most 32 descriptors; the totals are for all of them. Frames are data, so one
 * component renders any frame of any model, and the tests read the same frames the reader sees.
 */
import { seeded } from '../../../lib/random';
import { FD_SETSIZE, SQ_ENTRIES, highestFd, roundCost, type IoModel, type RoundCost } from './io-models';

/** Descriptors drawn in the figure; the rest are represented by the totals. */
export const SAMPLE_SIZE = 32;

export interface RoundFrame {
  /** What happens in this frame, in one sentence. */
  caption: string;
  /** Where the work happens. */
  actor: 'kernel' | 'process';
  /** A scan in progress: who is scanning and how many sample cells it has covered. */
  scan?: { by: 'kernel' | 'process'; upTo: number } | undefined;
  /** The loop (or the woken threads) now know which descriptors are ready. */
  signalled: boolean;
  /** The ready descriptors have been read from and written to. */
  served: boolean;
  /** Sample entries on epoll's ready list. */
  listed: number;
  /** Sample entries waiting in io_uring's submission and completion rings. */
  sq: number;
  cq: number;
  /** Running totals for the whole round, at the reader's connection count. */
  syscalls: number;
  examined: number;
}

export interface Round {
  cost: RoundCost;
  sample: number;
  /** Sample cells (0-based) that have data waiting, in ascending order. */
  readyCells: number[];
  frames: RoundFrame[];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Which sample cells are ready: the same share as the connections, placed by a seeded shuffle. */
export function pickReadyCells(sample: number, activeShare: number, seed = 7): number[] {
  const count = Math.min(sample, Math.max(1, Math.round(sample * activeShare)));
  const random = seeded(seed);
  const cells = Array.from({ length: sample }, (_, i) => i);
  for (let i = cells.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [cells[i], cells[j]] = [cells[j]!, cells[i]!];
  }
  return cells.slice(0, count).sort((a, b) => a - b);
}

const SWEEP_STEPS = 4;

/** Frames of a full scan over every descriptor, split into a few steps so it can be watched. */
function sweep(by: 'kernel' | 'process', sample: number, caption: (done: number) => string, start: Omit<RoundFrame, 'caption' | 'actor' | 'scan'>, total: number): RoundFrame[] {
  return Array.from({ length: SWEEP_STEPS }, (_, i) => {
    const share = (i + 1) / SWEEP_STEPS;
    return {
      ...start,
      caption: caption(Math.round(total * share)),
      actor: by,
      scan: { by, upTo: Math.round(sample * share) },
      examined: start.examined + Math.round(total * share),
    };
  });
}

/** The frames of one round of `model`. */
export function buildRound(model: IoModel, connections: number, activeShare: number): Round {
  const cost = roundCost(model, connections, activeShare);
  const sample = Math.min(SAMPLE_SIZE, connections);
  const readyCells = pickReadyCells(sample, activeShare);
  const n = fmt(connections);
  const k = fmt(cost.ready);
  const idle: Omit<RoundFrame, 'caption' | 'actor'> = { signalled: false, served: false, listed: 0, sq: 0, cq: 0, syscalls: 0, examined: 0 };
  const kS = readyCells.length;
  let frames: RoundFrame[];

  switch (model) {
    case 'threads':
      frames = [
        { ...idle, actor: 'kernel', caption: `${n} threads sleep in read(), one per connection, each parked on its own socket.` },
        { ...idle, actor: 'kernel', signalled: true, caption: `Data arrives on ${k} sockets: the kernel wakes exactly those ${k} threads, one context switch each.` },
        { ...idle, actor: 'process', signalled: true, served: true, syscalls: cost.syscalls, caption: `Each woken thread calls read() and write(): ${fmt(cost.syscalls)} system calls. Nothing was scanned, but ${n} stacks stay allocated.` },
      ];
      break;
    case 'select':
    case 'poll': {
      if (cost.refused) {
        frames = [{ ...idle, actor: 'process', caption: `FD_SET(${fmt(FD_SETSIZE)}) is out of range: ${cost.refused}. glibc aborts; without fortify the stack is silently corrupted.` }];
        break;
      }
      const what = model === 'select' ? `the read bitmap, ${fmt(highestFd(connections) + 1)} bits (nfds),` : `the array of ${n} pollfd entries, 8 bytes each,`;
      const copied: RoundFrame = { ...idle, actor: 'kernel', syscalls: 1, caption: `${model}() copies ${what} into the kernel.` };
      const kernelScan = sweep('kernel', sample, (d) => `The kernel asks each descriptor whether it is ready: ${fmt(d)} of ${n}.`, copied, connections);
      const afterKernel = kernelScan.at(-1)!;
      const copiedOut: RoundFrame = {
        ...afterKernel,
        scan: undefined,
        signalled: true,
        caption: model === 'select' ? `It clears the bits of idle descriptors and copies the bitmap back out.` : `It writes revents for the ready ones and copies the array back out.`,
      };
      const userScan = sweep('process', sample, (d) => `Your loop tests every ${model === 'select' ? 'bit' : 'revents'} to find the ${k} ready: ${fmt(d)} of ${n}.`, copiedOut, connections);
      const served: RoundFrame = { ...userScan.at(-1)!, scan: undefined, served: true, syscalls: cost.syscalls, caption: `read() and write() on each ready descriptor: ${fmt(cost.syscalls)} system calls this round.` };
      frames = [
        { ...idle, actor: 'process', caption: model === 'select' ? `Your loop rebuilds the fd_set: select() overwrote it last time.` : `The pollfd array stays; only revents changes from call to call.` },
        copied,
        ...kernelScan,
        copiedOut,
        ...userScan,
        served,
      ];
      break;
    }
    case 'epoll':
      frames = [
        { ...idle, actor: 'process', caption: `Earlier, epoll_ctl added all ${n} descriptors to the interest list, once each.` },
        { ...idle, actor: 'kernel', signalled: true, listed: kS, caption: `Packets arrive: each ready socket's wake-up callback appends it to the ready list. Your loop is asleep.` },
        { ...idle, actor: 'kernel', signalled: true, listed: kS, syscalls: 1, examined: cost.ready, caption: `epoll_wait() copies out the ${k} ready entries. The idle ones are not touched.` },
        { ...idle, actor: 'process', signalled: true, syscalls: 1, examined: cost.examined, caption: `Your loop walks the ${k} events it got back.` },
        { ...idle, actor: 'process', signalled: true, served: true, syscalls: cost.syscalls, examined: cost.examined, caption: `read() and write() on each: ${fmt(cost.syscalls)} system calls this round.` },
      ];
      break;
    case 'io_uring': {
      const enters = cost.syscalls;
      frames = [
        { ...idle, actor: 'kernel', caption: `A recv is already queued in the kernel for each of the ${n} connections, each with its own buffer.` },
        { ...idle, actor: 'kernel', signalled: true, cq: kS, caption: `Data arrives: the kernel completes ${k} recvs, the bytes already in their buffers, and posts ${k} completions (CQEs).` },
        { ...idle, actor: 'process', signalled: true, examined: cost.ready, caption: `Your loop reads the ${k} CQEs from shared memory. No system call.` },
        { ...idle, actor: 'process', signalled: true, sq: 2 * kS, examined: cost.ready, caption: `It writes a send and a fresh recv for each into the submission ring: ${fmt(2 * cost.ready)} SQEs.` },
        {
          ...idle,
          actor: 'kernel',
          signalled: true,
          served: true,
          syscalls: enters,
          examined: cost.ready,
          caption: enters === 1 ? `One io_uring_enter() hands all ${fmt(2 * cost.ready)} to the kernel.` : `${fmt(enters)} io_uring_enter() calls hand them over, ${SQ_ENTRIES} at a time (the ring's size).`,
        },
        { ...idle, actor: 'kernel', signalled: true, served: true, cq: kS, syscalls: enters, examined: cost.examined, caption: `The sends complete: ${k} more CQEs, which the loop reads without a system call. ${fmt(enters)} system call${enters === 1 ? '' : 's'} this round.` },
      ];
      break;
    }
  }
  return { cost, sample, readyCells, frames };
}
