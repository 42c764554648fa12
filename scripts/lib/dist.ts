/**
 * What the post-build scripts share: listing the files of `dist/`, the address each built page is
 * served at, and a spec-compliant HTML parse (parse5, the parser browsers' behaviour is specified by),
 * so hashes and links are computed from exactly what a browser would see.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

export type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** Every file under `dir`, as sorted `/`-separated paths relative to it. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
}

/** The address a built file is served at: `articles/x/index.html` → `/articles/x/`, `404.html` → `/404.html`. */
export function urlPathOf(file: string): string {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return `/${file}`;
}

/** The value of an attribute, or undefined when the element does not have it. */
export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** The raw text inside an element (for `<script>` this is exactly what the browser runs and hashes). */
export function textOf(el: Element): string {
  let text = '';
  for (const child of el.childNodes) if (child.nodeName === '#text' && 'value' in child) text += child.value;
  return text;
}

/** Parses a document and calls `visit` on every element in document order, including inside `<template>`. */
export function eachElement(html: string, visit: (el: Element) => void): void {
  const walk = (node: ParentNode): void => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      visit(child);
      walk(child.tagName === 'template' && 'content' in child ? (child.content as ParentNode) : child);
    }
  };
  walk(parse(html));
}
