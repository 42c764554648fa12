/**
 * Words per minute. Code and its output count at the same rate as prose: readers study some of it
 * and skim the rest (printed output, long listings), which evens out.
 */
const WORDS_PER_MINUTE = 230;

const FENCE = /^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm;

function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Minutes to read a Markdown/MDX body, rounded up, at least 1. */
export function readingMinutes(body: string): number {
  let code = 0;
  const prose = body.replace(FENCE, (block) => {
    code += countWords(block.split('\n').slice(1, -1).join('\n'));
    return '';
  });
  const words = countWords(prose) + code;
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}

/** "7 min read" */
export function formatReadingTime(minutes: number): string {
  return `${minutes} min read`;
}
