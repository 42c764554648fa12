/**
 * What one round of a server loop costs under each Linux I/O model: system calls, descriptors (or
 * ring entries) examined, and thread stack memory. A round is one wake-up of the loop; at each one a
 * share of the connections has a request waiting. The numbers are counts, not timings: they say how
 * the work grows (with all descriptors, or only with the ready ones), which is what decides whether
 * a model survives 100,000 connections.
 */

export type IoModel = 'threads' | 'select' | 'poll' | 'epoll' | 'io_uring';

export const IO_MODELS: readonly { value: IoModel; label: string }[] = [
  { value: 'threads', label: 'Thread per connection' },
  { value: 'select', label: 'select' },
  { value: 'poll', label: 'poll' },
  { value: 'epoll', label: 'epoll' },
  { value: 'io_uring', label: 'io_uring' },
];

/** glibc's `fd_set` has one bit per descriptor for descriptors 0 to FD_SETSIZE - 1. */
export const FD_SETSIZE = 1024;
/** 0, 1 and 2 are stdin, stdout and stderr, 3 is the listening socket: clients start at 4. */
export const FIRST_CLIENT_FD = 4;
/** Submission ring size, as in the article's liburing server (`io_uring_queue_init(256, ...)`). */
export const SQ_ENTRIES = 256;
/** The loop is assumed to wake every 10 ms; per-second figures are a round times this. */
export const ROUNDS_PER_SECOND = 100;
/** x86-64 kernel stack per thread (THREAD_SIZE). It never shows in VmRSS. */
export const KERNEL_STACK_BYTES = 16 * 1024;
/** User stack a parked thread really touches: the article's 1,000-thread run grew VmRSS by 8,408 kB. */
export const TOUCHED_STACK_BYTES = 8.4 * 1024;
/** What glibc reserves per thread stack: `ulimit -s`, 8 MiB on the article's machine. */
export const RESERVED_STACK_BYTES = 8 * 1024 * 1024;

/** `kernel.pid_max` on the article's machine: every thread takes a task ID, so thread per connection
 * stopped there (32,435 threads created, then EAGAIN). Many distributions raise it. */
export const PID_MAX = 32_768;

/** Whether `FD_SET(fd, ...)` is defined: glibc's fortified build aborts outside 0..1023. */
export function selectCanWatch(fd: number): boolean {
  return Number.isInteger(fd) && fd >= 0 && fd < FD_SETSIZE;
}

/** The highest descriptor number a process holding `connections` clients uses. */
export function highestFd(connections: number): number {
  return FIRST_CLIENT_FD + connections - 1;
}

/** Connections with a request waiting in one round: at least one, so every round has work. */
export function readyCount(connections: number, activeShare: number): number {
  if (connections <= 0) return 0;
  return Math.min(connections, Math.max(1, Math.round(connections * activeShare)));
}

export interface RoundCost {
  model: IoModel;
  connections: number;
  ready: number;
  /** Why the model cannot run this round at all (select past FD_SETSIZE), or undefined. */
  refused?: string;
  /** Kernel crossings in one round, including the read and write of each ready connection. */
  syscalls: number;
  /** Descriptors or ring entries looked at to find the work: kernel side plus your loop's side. */
  examined: number;
  threads: number;
  /** Stack memory really in use: kernel stack plus touched user stack, per thread. */
  residentStackBytes: number;
  /** Address space reserved for user stacks. */
  reservedStackBytes: number;
}

/** The cost of one round of `model` with `connections` open and `activeShare` of them ready. */
export function roundCost(model: IoModel, connections: number, activeShare: number): RoundCost {
  const ready = readyCount(connections, activeShare);
  const threads = model === 'threads' ? connections : 1;
  const base = {
    model,
    connections,
    ready,
    threads,
    residentStackBytes: threads * (KERNEL_STACK_BYTES + TOUCHED_STACK_BYTES),
    reservedStackBytes: threads * RESERVED_STACK_BYTES,
  };
  // Every model but io_uring needs one read() and one write() per ready connection.
  const perRequest = 2 * ready;
  switch (model) {
    case 'threads':
      // No readiness call: each sleeping thread sits on its socket's wait queue, and the kernel
      // wakes exactly the ones with data. The cost is elsewhere (stacks, context switches).
      return { ...base, syscalls: perRequest, examined: 0 };
    case 'select':
      if (!selectCanWatch(highestFd(connections))) {
        return {
          ...base,
          refused: `descriptor ${highestFd(connections).toLocaleString('en-US')} has no bit in a ${FD_SETSIZE}-bit fd_set`,
          syscalls: 0,
          examined: 0,
        };
      }
      // The kernel polls every descriptor below nfds, then your loop tests every bit again.
      return { ...base, syscalls: 1 + perRequest, examined: 2 * connections };
    case 'poll':
      // Same scan as select over an array instead of a bitmap: no ceiling, same O(n).
      return { ...base, syscalls: 1 + perRequest, examined: 2 * connections };
    case 'epoll':
      // epoll_wait copies out only the ready list; your loop walks only what it returned.
      return { ...base, syscalls: 1 + perRequest, examined: 2 * ready };
    case 'io_uring': {
      // A recv is already queued for every connection. Each ready one yields a recv completion and,
      // after the loop queues a send and a fresh recv, a send completion: 2 CQEs read per request.
      // The 2 new SQEs per request go to the kernel in as few io_uring_enter calls as the ring allows.
      const enters = Math.max(1, Math.ceil((2 * ready) / SQ_ENTRIES));
      return { ...base, syscalls: enters, examined: 2 * ready };
    }
  }
}

/** System calls per request served: the batching measure. */
export function syscallsPerRequest(cost: RoundCost): number {
  return cost.ready === 0 ? 0 : cost.syscalls / cost.ready;
}

/** Connection counts the figures offer, 10 to 100,000 in rough thirds of a decade. */
export const CONNECTION_STEPS = [10, 30, 100, 300, 1000, 3000, 10_000, 30_000, 100_000] as const;
/** Shares of connections with a request waiting at each wake-up. */
export const SHARE_STEPS = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1] as const;
