/**
 * The author's slug rule: lower case, and every run of characters that is not a letter or a digit
 * becomes one `-`, trimmed at both ends. "Ruby's runtime" → "ruby-s-runtime".
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
