/**
 * MDX syntax errors, explained. MDX reads `{` as JavaScript and `<` as a tag, which trips authors
 * who write prose about code. This Vite plugin parses each .mdx file first (parse only, no compile)
 * and, when it fails, reports file, line and column with the fix instead of the parser's bare message.
 */
import { relative } from 'node:path';
import type { Plugin } from 'vite';
import { parseMdx } from './content-index';

/** The fix for a parser message, by what the author most likely meant. */
export function fixFor(reason: string): string {
  if (/closing brace|acorn|expression/i.test(reason)) {
    return 'MDX reads `{` as the start of a JavaScript expression. For a literal brace in prose, put it in backticks (`{a, b}`) or escape it as \\{.';
  }
  if (/closing tag|tag|before name|character .* in name|attribute/i.test(reason)) {
    return 'MDX reads `<` as the start of a tag. For a literal "<" in prose, put it in backticks (`a < b`) or write &lt;; if it is a component, close it (<Aside>…</Aside> or <Figure />).';
  }
  return 'Check the MDX syntax on that line; docs/writing.md shows each component and block in use.';
}

interface ParseError extends Error { reason?: string; line?: number; column?: number; place?: { line?: number; column?: number; start?: { line: number; column: number } } }

/** Undefined when the source parses; otherwise the author-facing message. */
export function explainMdxSyntax(source: string, path: string): string | undefined {
  try {
    // Blank the frontmatter out rather than cut it, so line numbers stay those of the file.
    const body = source.replace(/^---\n[\s\S]*?\n---\n/, (fm) => fm.replace(/[^\n]/g, ''));
    parseMdx(body);
    return undefined;
  } catch (e) {
    const err = e as ParseError;
    const reason = err.reason ?? err.message;
    // Some parse errors carry their place only in the text, as "(line:column-line:column)".
    const inText = /\((\d+):(\d+)-\d+:\d+\)$/.exec(reason);
    const line = err.line ?? err.place?.line ?? err.place?.start?.line ?? (inText ? Number(inText[1]) : undefined);
    const column = err.column ?? err.place?.column ?? err.place?.start?.column ?? (inText ? Number(inText[2]) : undefined);
    const at = line ? `${path}:${line}:${column ?? 1}` : path;
    return `${at} — MDX syntax error: ${reason}\n  Fix: ${fixFor(reason)}`;
  }
}

export default function mdxSyntax(): Plugin {
  return {
    name: 'longform:mdx-syntax',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.mdx')) return null;
      const message = explainMdxSyntax(code, relative(process.cwd(), id));
      if (message) {
        const error = new Error(message);
        error.stack = message;
        throw error;
      }
      return null;
    },
  };
}
