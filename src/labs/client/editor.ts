/**
 * The editor a runnable block turns into on its first Run: CodeMirror 6 with Ruby or PostgreSQL
 * highlighting, history, bracket matching, and Ctrl/Cmd+Enter to run. Loaded with the engine, never
 * before. Tab is left to move focus (no tab-trapping); indentation follows Enter.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { bracketMatching, indentOnInput, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { ruby } from '@codemirror/legacy-modes/mode/ruby';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

export interface LabEditor {
  value(): string;
  reset(doc: string): void;
  focus(): void;
}

export function createEditor(parent: HTMLElement, options: { doc: string; language: 'ruby' | 'sql'; label: string; onRun: () => void }): LabEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        keymap.of([{ key: 'Mod-Enter', run: () => (options.onRun(), true), preventDefault: true }, ...defaultKeymap, ...historyKeymap]),
        history(),
        lineNumbers(),
        indentOnInput(),
        bracketMatching(),
        options.language === 'ruby' ? StreamLanguage.define(ruby) : sql({ dialect: PostgreSQL }),
        // Token classes styled by lab.css from the site's tokens, so both themes follow the page.
        syntaxHighlighting(classHighlighter),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.lineWrapping,
      ],
    }),
  });
  return {
    value: () => view.state.doc.toString(),
    reset: (doc) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } }),
    focus: () => view.focus(),
  };
}
