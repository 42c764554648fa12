import { describe as group, expect, it } from 'vitest';
import { buildTimeline, describe } from './retry-timeline';

const scenarios = [
  { dropResponse: false, useKey: false },
  { dropResponse: false, useKey: true },
  { dropResponse: true, useKey: false },
  { dropResponse: true, useKey: true },
];

group('retry timeline', () => {
  it('with the response lost and no key, the retry charges the card a second time', () => {
    const t = buildTimeline({ dropResponse: true, useKey: false });
    expect(t.charges).toBe(2);
    expect(t.replayed).toBe(false);
    expect(t.events.some((e) => e.bad && /charge 2/.test(e.label))).toBe(true);
  });

  it('with the response lost and a key, the retry is replayed from the stored response', () => {
    const t = buildTimeline({ dropResponse: true, useKey: true });
    expect(t.charges).toBe(1);
    expect(t.replayed).toBe(true);
    expect(t.clientChargeId).toBe(1);
    // The retry's insert into the keys table returns no row: the key was already claimed.
    const inserts = t.events.filter((e) => e.to === 'keys' && e.label.startsWith('INSERT'));
    expect(inserts.map((e) => /1 row/.test(e.label))).toEqual([true, false]);
  });

  it('the response is lost only after the server has charged', () => {
    for (const useKey of [false, true]) {
      const t = buildTimeline({ dropResponse: true, useKey });
      const lost = t.events.findIndex((e) => /lost/.test(e.label));
      expect(t.events[lost]?.charges).toBe(1);
    }
  });

  it('when nothing is lost there is no retry, with or without a key', () => {
    for (const useKey of [false, true]) {
      const t = buildTimeline({ dropResponse: false, useKey });
      expect(t.charges).toBe(1);
      expect(t.events.some((e) => /retry/.test(e.label))).toBe(false);
    }
  });

  it('the client always ends with a 201 for the charge the card holds last', () => {
    for (const s of scenarios) {
      const t = buildTimeline(s);
      expect(t.events.at(-1)?.to).toBe('client');
      expect(t.clientChargeId).toBe(t.charges);
    }
  });

  it('charges never go down as the story advances', () => {
    for (const s of scenarios) {
      const counts = buildTimeline(s).events.map((e) => e.charges);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    }
  });

  it('the sentence names a double charge only at the end of the keyless lost-response story', () => {
    const t = buildTimeline({ dropResponse: true, useKey: false });
    expect(describe(t, 0)).toMatch(/0 charges/);
    expect(describe(t, t.events.length - 1)).not.toMatch(/Double/);
    expect(describe(t, t.events.length)).toMatch(/Double charge/);
    expect(describe(buildTimeline({ dropResponse: true, useKey: true }), 99)).toMatch(/stored response/);
  });
});
