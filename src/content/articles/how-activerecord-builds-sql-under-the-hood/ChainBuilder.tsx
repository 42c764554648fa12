/**
 * Chain relation methods and watch the tree and the SQL they become, and how many queries loading
 * ten users with their posts costs. The model (relation.ts) builds everything; this only draws it.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Toggle } from '../../../components/lab/controls';
import type { Loading } from './relation';
import { inline, plan, pretty, treeLines } from './relation';
import { chainRelation, chainRuby, DEFAULT_CHAIN, LOADINGS, OWNERS, WHERES, type WhereChoice } from './chain';
import './chain-builder.css';

/** Past this many queries the list shows the first ones and says how many more follow. */
const SHOWN = 3;

const bindText = (binds: [string, unknown][]) =>
  binds.length ? binds.map(([n, v]) => `${n} = ${typeof v === 'string' ? `'${v}'` : String(v)}`).join(', ') : 'none';

export default function ChainBuilder() {
  const where = useSignal<WhereChoice>(DEFAULT_CHAIN.where);
  const joins = useSignal(DEFAULT_CHAIN.joins);
  const order = useSignal(DEFAULT_CHAIN.order);
  const limit = useSignal(DEFAULT_CHAIN.limit);
  const loading = useSignal<Loading>(DEFAULT_CHAIN.loading);

  const view = useComputed(() => {
    const chain = { where: where.value, joins: joins.value, order: order.value, limit: limit.value, loading: loading.value };
    const relation = chainRelation(chain);
    return { ruby: chainRuby(chain), relation, plan: plan(relation, OWNERS), tree: treeLines(relation.arel()).join('\n') };
  });
  const { ruby, plan: p, tree } = view.value;
  const n = p.queries.length;
  const verdict = p.error
    ? `PostgreSQL refuses the first query: ${p.error}.`
    : `${n} ${n === 1 ? 'query' : 'queries'} to load ${OWNERS} users and their posts (${p.strategy === 'none' ? 'lazy: 1 + N' : p.strategy}).`;

  const controls = (
    <>
      <Select label="Condition" value={where} options={WHERES} />
      <Toggle label="joins(:posts)" value={joins} />
      <Toggle label="order(:name)" value={order} />
      <Toggle label={`limit(${OWNERS})`} value={limit} />
      <Select label="Load posts with" value={loading} options={LOADINGS} />
    </>
  );

  return (
    <LabFigure id="chain-builder" controls={controls}>
      <div class="chain-builder" data-lab-output aria-live="polite">
        <p class="chain-builder-ruby"><code>{ruby}</code></p>
        <p class={`chain-builder-verdict${p.error ? ' chain-builder-error' : ''}`}><strong>{verdict}</strong></p>
        <div class="chain-builder-cols">
          <section aria-label="The queries">
            <p class="chain-builder-head">SQL, as to_sql prints it</p>
            <ol>
              {p.queries.slice(0, SHOWN).map((q, i) => (
                <li key={i}>
                  <span class="chain-builder-purpose">{q.purpose}{i === 0 && p.error ? ': fails' : ''}</span>
                  <pre tabIndex={0}>{pretty(inline(q.compiled))}</pre>
                  <span class="chain-builder-binds">binds: {bindText(q.compiled.binds)}</span>
                </li>
              ))}
            </ol>
            {n > SHOWN && <p class="chain-builder-more">…and {n - SHOWN} more like the last, one per user.</p>}
          </section>
          <section aria-label="The tree of the first query">
            <p class="chain-builder-head">Tree of the first query</p>
            <pre tabIndex={0}>{tree}</pre>
          </section>
        </div>
      </div>
    </LabFigure>
  );
}
