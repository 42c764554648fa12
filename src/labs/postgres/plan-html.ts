/**
 * The plan viewer as an HTML fragment: a nested list of nodes, each collapsible with its children
 * (`<details open>`), and PostgreSQL's text form behind a `<details>` toggle. It needs no
 * JavaScript to read, so the SQL lab embeds it at build and the browser inserts it as is.
 * Styles: plan.css (the classes here are all `plan-…`).
 */
import { planText, type Buffers, type ExplainResult, type PlanNode } from './plan';

export interface PlanHtmlOptions {
  /** id of the root element; the text form's toggle gets `<id>-text`. */
  id?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const en = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Milliseconds with about three significant digits: 0.130 ms, 9.85 ms, 86.3 ms, 1,204 ms. */
export function formatMs(ms: number): string {
  const digits = ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0;
  return `${new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ms)} ms`;
}

/** A share as a percentage: 35.2%, and "<0.1%" rather than a misleading 0.0% for a sliver. */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${(share * 100).toFixed(1)}%`;
}

/** 20×, 1.5×. */
export function formatFactor(factor: number): string {
  return `${factor >= 10 ? Math.round(factor) : factor.toFixed(1)}×`;
}

const rows = (n: number) => en.format(n);

function rowsPart(node: PlanNode): string {
  const est = node.estimatedRows === null ? '' : `<span>est <b>${rows(node.estimatedRows)}</b></span>`;
  if (node.executed === false) return `<span class="plan-rows">${est} <span class="plan-never">never executed</span></span>`;
  if (node.actualRows === null) return est ? `<span class="plan-rows">${est} rows</span>` : '';
  const loops = node.loops !== null && node.loops > 1 ? ` <span>× ${rows(node.loops)} loops</span>` : '';
  const m = node.misestimate;
  let factor = '';
  if (m && m.flagged) {
    const words = m.direction === 'under' ? 'more rows than estimated' : 'fewer rows than estimated';
    factor = ` <strong class="plan-flag" data-misestimate="${m.direction}"><span aria-hidden="true">${m.direction === 'under' ? '▲' : '▼'} </span>${formatFactor(m.factor)} ${words}</strong>`;
  } else if (m && m.factor > 1) {
    const early = m.stoppedEarly ? `, stopped early by ${esc(m.stoppedEarly)}` : '';
    factor = ` <span class="plan-factor">off by ${formatFactor(m.factor)}${early}</span>`;
  }
  return `<span class="plan-rows"><span class="plan-label">rows</span> ${est} <span>actual <b>${rows(node.actualRows)}</b></span>${loops}${factor}</span>`;
}

function timePart(node: PlanNode): string {
  if (node.exclusiveTime === null) return '';
  const share = node.share ?? 0;
  const width = Math.min(100, Math.max(0, share * 100)).toFixed(1);
  const label = `${formatMs(node.exclusiveTime)} self${node.share === null ? '' : `, ${formatShare(share)} of total`}`;
  // The words beside the bar are its label; the bar itself only repeats them for the eye.
  return (
    `<span class="plan-time"><span class="plan-label">time</span> ` +
    `<span class="plan-bar" aria-hidden="true"><span class="plan-bar-fill" style="width:${width}%"></span></span> ` +
    `<span>${esc(label)}</span></span>`
  );
}

function buffersPart(b: Buffers | null): string {
  if (!b) return '';
  const parts = [`shared hit <b>${rows(b.sharedHit)}</b>`, `read <b>${rows(b.sharedRead)}</b>`];
  if (b.tempRead || b.tempWritten) parts.push(`temp read <b>${rows(b.tempRead)}</b>`, `written <b>${rows(b.tempWritten)}</b>`);
  if (b.localHit || b.localRead) parts.push(`local hit <b>${rows(b.localHit)}</b>`, `read <b>${rows(b.localRead)}</b>`);
  return `<span class="plan-buffers"><span class="plan-label">buffers</span> ${parts.join(' · ')}</span>`;
}

function card(node: PlanNode): string {
  const sub = node.subplanName ? `<span class="plan-sub">${esc(node.subplanName)}</span> ` : '';
  const parallel = node.inParallel ? ' <span class="plan-sub">parallel</span>' : '';
  const target = node.target ? ` <span class="plan-target">${esc(node.target)}</span>` : '';
  const details = node.details.length
    ? `<span class="plan-details">${node.details.map((d) => `<span>${esc(d)}</span>`).join('')}</span>`
    : '';
  const stats = [rowsPart(node), timePart(node), buffersPart(node.buffers)].filter(Boolean).join('');
  return (
    `<span class="plan-head">${sub}<span class="plan-name">${esc(node.name)}</span>${target}${parallel}</span>` +
    (stats ? `<span class="plan-stats">${stats}</span>` : '') +
    details
  );
}

function nodeHtml(node: PlanNode): string {
  const flagged = node.misestimate?.flagged ? ' data-flagged' : '';
  if (!node.children.length) return `<li class="plan-node"${flagged}><div class="plan-card">${card(node)}</div></li>`;
  return (
    `<li class="plan-node"${flagged}><details open><summary class="plan-card">${card(node)}</summary>` +
    `<ul class="plan-children">${node.children.map(nodeHtml).join('')}</ul></details></li>`
  );
}

function summary(result: ExplainResult): string {
  const parts: string[] = [];
  if (result.executionTime !== null) parts.push(`Execution <b>${formatMs(result.executionTime)}</b>`);
  if (result.planningTime !== null) parts.push(`planning ${formatMs(result.planningTime)}`);
  parts.push(`${result.nodes.length} node${result.nodes.length === 1 ? '' : 's'}`);
  const flagged = result.nodes.filter((n) => n.misestimate?.flagged).length;
  if (result.analyzed) {
    parts.push(
      flagged
        ? `<strong class="plan-flag">${flagged} misestimate${flagged === 1 ? '' : 's'} of 10× or more</strong>`
        : 'no misestimate of 10× or more',
    );
  }
  let note: string;
  if (!result.analyzed) note = 'Estimates only: this is EXPLAIN without ANALYZE, so there are no actual rows, times or buffers.';
  else {
    note = 'Rows are per loop. ';
    note += result.timed ? 'Time is each node’s own, without its children, and its share of the total. ' : 'No times (TIMING OFF). ';
    note += result.hasBuffers ? 'Buffers (8 kB pages) include the children’s.' : 'No buffer counts (run with BUFFERS).';
    if (result.nodes.some((n) => n.inParallel)) {
      note += ' Nodes marked “parallel” ran in the Gather’s workers and its leader: their rows and times are averages per process.';
    }
  }
  return `<p class="plan-summary">${parts.join(' · ')}</p><p class="plan-note">${note}</p>`;
}

function triggers(result: ExplainResult): string {
  if (!result.triggers.length) return '';
  const items = result.triggers.map((t) => {
    const name = t.constraint ? `for constraint ${t.constraint}` : t.name;
    const time = t.time !== null ? `${formatMs(t.time)}, ` : '';
    return `<li>Trigger ${esc(name)}${t.relation ? ` on ${esc(t.relation)}` : ''}: ${time}${rows(t.calls ?? 0)} calls</li>`;
  });
  return `<ul class="plan-triggers">${items.join('')}</ul>`;
}

/** The viewer for one plan: a self-contained, escaped HTML fragment styled by plan.css. */
export function planHtml(result: ExplainResult, options: PlanHtmlOptions = {}): string {
  const id = options.id ? ` id="${esc(options.id)}"` : '';
  const textId = options.id ? ` id="${esc(`${options.id}-text`)}"` : '';
  return (
    `<div class="plan"${id} data-plan>` +
    summary(result) +
    `<div class="plan-scroll" role="group" aria-label="Plan tree" tabindex="0"><ul class="plan-tree">${nodeHtml(result.root)}</ul></div>` +
    triggers(result) +
    `<details class="plan-text"${textId}><summary>PostgreSQL’s text form</summary>` +
    `<pre class="plan-pre" tabindex="0" aria-label="Plan in PostgreSQL’s text form"><code>${esc(planText(result))}</code></pre></details>` +
    `</div>`
  );
}
