/**
 * The receive path of one connection, as data: each step says where the packet is, which execution
 * context is doing the work, what sits in each queue, and the command that shows it on a real box.
 * `RxSteps.tsx` renders any step; the prose and the tests read the same list.
 */

/** Execution contexts, in the order a packet meets them. */
export type Context = 'hardware' | 'hardirq' | 'softirq' | 'process';

/** Places a packet can be, drawn as boxes by the figure. */
export type Stage = 'nic' | 'ring' | 'irq' | 'napi' | 'ip' | 'tcp' | 'synq' | 'acceptq' | 'rcvbuf' | 'accept' | 'read';

export const CONTEXTS: readonly { id: Context; label: string; stages: readonly Stage[] }[] = [
  { id: 'hardware', label: 'Hardware', stages: ['nic', 'ring'] },
  { id: 'hardirq', label: 'Hard IRQ', stages: ['irq'] },
  { id: 'softirq', label: 'NET_RX softirq', stages: ['napi', 'ip', 'tcp', 'synq', 'acceptq', 'rcvbuf'] },
  { id: 'process', label: 'Puma', stages: ['accept', 'read'] },
];

export interface RxStep {
  title: string;
  /** The packet on the move, as a short label: SYN, ACK, or the request. */
  packet: 'SYN' | 'ACK' | 'GET /';
  stage: Stage;
  context: Context;
  /** Two or three sentences on what happens and why. */
  text: string;
  /** Where to see this step on a running machine. */
  see: string;
  /** What each queue holds for this connection after the step. */
  queues: { ring: number; synq: number; acceptq: number; rcvbuf: number };
}

const empty = { ring: 0, synq: 0, acceptq: 0, rcvbuf: 0 };

export const RX_STEPS: readonly RxStep[] = [
  {
    title: 'The SYN reaches the NIC',
    packet: 'SYN',
    stage: 'nic',
    context: 'hardware',
    text: 'The network card checks the frame and hashes its addresses and ports to pick one of its receive queues (RSS). No CPU has seen the packet yet.',
    see: 'ethtool -l eth0 (queues), ip -s link (missed, dropped)',
    queues: empty,
  },
  {
    title: 'DMA into the RX ring',
    packet: 'SYN',
    stage: 'ring',
    context: 'hardware',
    text: 'The card writes the frame by DMA into a buffer the driver posted in that queue’s RX ring, then marks the descriptor done. If the driver has not refilled the ring, the frame is lost here and counted as missed.',
    see: 'ethtool -g eth0 (ring size), ip -s link (missed)',
    queues: { ...empty, ring: 1 },
  },
  {
    title: 'The interrupt',
    packet: 'SYN',
    stage: 'irq',
    context: 'hardirq',
    text: 'An MSI-X interrupt lands on one CPU. The driver’s handler masks further interrupts from the queue, puts it on the CPU’s poll list with napi_schedule() and raises NET_RX_SOFTIRQ. Microseconds, nothing more.',
    see: 'grep eth0 /proc/interrupts',
    queues: { ...empty, ring: 1 },
  },
  {
    title: 'NAPI polls the ring',
    packet: 'SYN',
    stage: 'napi',
    context: 'softirq',
    text: 'In the softirq, net_rx_action calls the driver’s poll: up to 64 packets per call, 300 per round (netdev_budget). Each descriptor becomes an sk_buff, GRO merges segments of a flow, and the ring slot is refilled. With RPS, or on veth and loopback, packets wait here in a per-CPU backlog capped by netdev_max_backlog.',
    see: 'cat /proc/net/softnet_stat (processed, dropped, time_squeeze)',
    queues: empty,
  },
  {
    title: 'IP and netfilter',
    packet: 'SYN',
    stage: 'ip',
    context: 'softirq',
    text: 'ip_rcv checks the header, PREROUTING runs (conntrack, DNAT for Docker or kube-proxy), the route lookup says the address is local, and LOCAL_IN runs your INPUT rules. A full conntrack table drops new flows right here.',
    see: 'dmesg | grep conntrack, nstat IpInDiscards',
    queues: empty,
  },
  {
    title: 'TCP: a request sock in the SYN queue',
    packet: 'SYN',
    stage: 'synq',
    context: 'softirq',
    text: 'tcp_v4_rcv finds no established socket, so it takes the listener on port 3000. tcp_conn_request checks the SYN queue (full: cookie or drop) and the accept queue (full: drop), then stores a small request sock and sends the SYN-ACK. No file descriptor exists yet.',
    see: 'ss -tn state syn-recv',
    queues: { ...empty, synq: 1 },
  },
  {
    title: 'The ACK: into the accept queue',
    packet: 'ACK',
    stage: 'acceptq',
    context: 'softirq',
    text: 'The client’s ACK takes the same path through the card, the ring and the softirq. TCP matches it to the request sock, builds a full socket and appends it to the listener’s accept queue. The client now believes it is connected.',
    see: 'ss -ltn (Recv-Q: queued, Send-Q: limit)',
    queues: { ...empty, acceptq: 1 },
  },
  {
    title: 'The request lands in the receive buffer',
    packet: 'GET /',
    stage: 'rcvbuf',
    context: 'softirq',
    text: 'The client sends its HTTP request at once. tcp_rcv_established appends the bytes to the new socket’s receive queue and acknowledges them, though no process has accepted the connection yet.',
    see: 'ss -tmn (Recv-Q bytes, skmem)',
    queues: { ...empty, acceptq: 1, rcvbuf: 1 },
  },
  {
    title: 'Puma calls accept()',
    packet: 'GET /',
    stage: 'accept',
    context: 'process',
    text: 'The accept queue became readable, so Puma’s IO.select returned. accept_nonblock pops the oldest connection and gets a file descriptor. Recv-Q on the listener goes down by one.',
    see: 'strace -e accept4 -p PID',
    queues: { ...empty, rcvbuf: 1 },
  },
  {
    title: 'read(): the request reaches Ruby',
    packet: 'GET /',
    stage: 'read',
    context: 'process',
    text: 'The request has been waiting in the kernel all along, so the first read returns it whole. Puma parses it and a thread calls your app. Everything before this step is invisible to the app’s own timers.',
    see: 'strace -e read -p PID',
    queues: empty,
  },
];
